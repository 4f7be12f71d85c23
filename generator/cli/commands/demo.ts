import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

/** `dreamseed demo list` (run: ../demo.ts). */
export function configure(demo: Command): void {
  lazyCommand(
    demo,
    () => import('../demo.ts'),
    'list',
    'seeded founders: slug, user id, business name, archetype',
  ).addOption(jsonOption('the founders'));
}
