import type { Command } from 'commander';
import { lazy } from '../lazy.ts';

/** `dreamseed preview DIR` and `preview --live --user ID` (run: ../preview.ts). */
export function configure(preview: Command): void {
  preview
    .argument('[dir]', 'the site directory (printed by `dreamseed generate`)')
    .option('--port <n>', 'port (0 picks a free one)', '4321')
    .option('--live', 'serve what is live on the local deploy target (with --user), as visitors get it')
    .option('--user <id>', 'the founder whose live site to serve (with --live)')
    .action(lazy(() => import('../preview.ts'), 'preview'));
}
