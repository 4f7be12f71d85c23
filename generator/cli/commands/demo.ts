import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed demo list` (run: ../demo.ts). */
export function configure(demo: Command): void {
  demo
    .command('list')
    .description('seeded founders: slug, user id, business name, archetype')
    .addOption(jsonOption('the founders'))
    .action(lazy(() => import('../demo.ts'), 'list'));
}
