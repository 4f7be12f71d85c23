import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed score [DIR] [--user ID | --dna FILE] [--quick] [--json]` (run: ../score.ts). */
export function configure(score: Command): void {
  score
    .argument('[dir]', 'the built site (default: the founder’s latest build, with --user)')
    .option('--user <id>', 'a founder by user id or slug: score their latest build and store the report')
    .option('--dna <file>', 'a DNA bundle to check the JSON-LD facts against (for a site built with --dna)')
    .option('--quick', 'Lighthouse on the mobile home page only (a partial report: publishing scores again)')
    .addOption(jsonOption('the whole report', 'on stdout'))
    .action(lazy(() => import('../score.ts'), 'score'));
}
