import type { Command } from 'commander';
import { targetNames } from '../../deploy/targets.ts';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed rollback` (run: ../publish.ts). */
export function configure(rollback: Command): void {
  rollback
    .requiredOption('--user <id>', 'the founder, by user id or slug')
    .option(
      '--to <deploy>',
      'the deploy to go back to (an id or prefix from `dreamseed deploys`; default: the previous one)',
    )
    .option('--target <name>', `${targetNames().join(' or ')} (default: where the site is live)`)
    .option('--by <name>', 'who is rolling back (recorded; default operator:<login>)')
    .addOption(jsonOption())
    .action(lazy(() => import('../publish.ts'), 'rollback'));
}
