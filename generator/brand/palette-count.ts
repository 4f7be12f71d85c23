/**
 * How many palette options a founder chooses from (palette-options.ts makes
 * exactly this many). Plain data, so the CLI checks `generate --palette N` and
 * `brand choose N` before loading the brand stage.
 */
export const PALETTE_OPTION_COUNT = 3;
