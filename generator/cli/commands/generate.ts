import type { Command } from 'commander';
import { PALETTE_OPTION_COUNT } from '../../brand/palette-count.ts';
import { jsonOption } from '../json-output.ts';
import { lazy } from '../lazy.ts';

/** `dreamseed generate` (run: ../generate.ts). */
export function configure(generate: Command): void {
  generate
    .option('--demo <slug>', 'a seeded demo founder (see `dreamseed demo list`)')
    .option('--user <id>', 'a founder by user id or slug')
    .option('--dna <file>', 'a DNA bundle JSON file (see docs/dna-bundle.md, or `dreamseed dna schema`)')
    .option('--template <id>', 'use this template instead of the best match')
    .option(
      '--palette <n>',
      `use palette option N (0–${PALETTE_OPTION_COUNT - 1}, see \`dreamseed brand palettes\`) and keep it for later builds`,
    )
    .option('--out <dir>', 'output directory (default .dreamseed/sites/<slug>/)')
    .option('--score', 'then score the site (Lighthouse and the reviewer checks; see `dreamseed score`)')
    .option(
      '--writer <name>',
      'who writes the copy: offline, or openai (default: openai when OPENAI_API_KEY is set)',
    )
    .addOption(jsonOption('one summary', 'on stdout (progress goes to stderr)'))
    .action(lazy(() => import('../generate.ts'), 'generate'));
}
