import { PALETTE_OPTION_COUNT } from '../brand/palette-count.ts';
import { errors } from '../errors.ts';

/**
 * A palette option number from the command line (`generate --palette N`,
 * `brand choose N`): 0 to PALETTE_OPTION_COUNT − 1, or a usage error (exit 2)
 * that names the flag or argument. Checked before anything is loaded or opened.
 */
export function parsePaletteIndex(value: string, name: string, user?: string): number {
  const n = Number(value);
  if (/^\s*\d+\s*$/.test(value) && n < PALETTE_OPTION_COUNT) return n;
  throw errors.usage(
    `${name} must be a palette option number, 0 to ${PALETTE_OPTION_COUNT - 1}; got "${value}".`,
    `See the options and their contrast with: dreamseed brand palettes --user ${user ?? 'ID'}`,
  );
}
