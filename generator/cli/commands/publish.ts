import type { Command } from 'commander';
import { targetNames } from '../../deploy/targets.ts';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/**
 * `dreamseed publish` (run: ../publish.ts). The target names come from the
 * deploy registry, which this declaration loads when `publish` is named.
 */
export function configure(publish: Command): void {
  publish
    .requiredOption('--user <id>', 'the founder, by user id or slug')
    .option(
      '--target <name>',
      `where: ${targetNames().join(' or ')} (default DREAMSEED_DEPLOY_TARGET, else local)`,
    )
    .option('--draft', 'upload without going live, for the founder to preview (not gated); prints its URL')
    .option(
      '--force',
      'operators only: publish despite the gate; recorded as forced, with what was overridden',
    )
    .option('--rescore', 'measure the build again even if a stored score matches it')
    .option('--no-score', 'with --force only: publish without measuring (recorded as not scored)')
    .option('--by <name>', 'who is publishing (recorded; default operator:<login>)')
    .option(
      '--auto <on|off>',
      "the founder's auto-publish setting: on, automatic builds that pass the gate go live (to --target, default DREAMSEED_DEPLOY_TARGET); off (the default), they refresh the preview only. Publishes nothing now",
    )
    .addOption(jsonOption())
    .action(lazy(() => import('../publish.ts'), 'publish'));
}
