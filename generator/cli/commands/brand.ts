import type { Command } from 'commander';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

const run = () => import('../brand.ts');

/**
 * `dreamseed brand palettes | choose` (run: ../brand.ts): the palette options
 * of a founder's latest build, and the pick that later builds keep.
 */
export function configure(brand: Command): void {
  lazyCommand(
    brand,
    run,
    'palettes',
    'the palette options of the latest build: colours, contrast of every pair, the pick in use',
  )
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .addOption(jsonOption('the options and the pick'));
  lazyCommand(
    brand,
    run,
    'choose',
    'keep palette option N for this founder: stored now, used by every later build (`generate --palette N` also builds)',
  )
    .requiredOption('--user <id>', 'the founder (user id or slug)')
    .argument('<n>', 'the option number (see `dreamseed brand palettes`)')
    .addOption(jsonOption('the pick'));
}
