import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed deploys` (run: ../publish.ts). */
export function configure(deploys: Command): void {
  deploys
    .requiredOption('--user <id>', 'the founder, by user id or slug')
    .addOption(jsonOption('the history'))
    .action(lazy(() => import('../publish.ts'), 'deploys'));
}
