import { describe, expect, it } from 'vitest';
import { contrastRatio as contrast, contrastPairs } from '../../generator/brand/contrast-pairs.ts';
import { type Palette, paletteRoles } from '../../generator/catalog/define-theme.ts';
import { archetypes } from '../../generator/dna/schema.ts';
import { archetypePalettes, neutralPalette, paletteFor } from '../../themes/palettes.ts';

/** WCAG 2.2 pairs (1.4.3 text 4.5:1, 1.4.11 non-text 3:1): the list the brand stage and `generate --json` use. */
const pairs = contrastPairs.map((p) => [p.fg, p.bg, p.required] as const);

const all: [string, Palette][] = [...Object.entries(archetypePalettes), ['neutral', neutralPalette]];

describe('archetype palettes', () => {
  it('has a palette for every archetype and nothing else', () => {
    expect(Object.keys(archetypePalettes).sort()).toEqual([...archetypes].sort());
  });

  describe.each(all)('%s', (_name, palette) => {
    it('fills every role with a #rrggbb hex colour', () => {
      expect(Object.keys(palette).sort()).toEqual([...paletteRoles].sort());
      for (const role of paletteRoles) expect(palette[role], role).toMatch(/^#[0-9a-f]{6}$/);
    });

    it.each(pairs)('%s on %s meets %d:1', (fg, bg, min) => {
      expect(contrast(palette[fg], palette[bg])).toBeGreaterThanOrEqual(min);
    });
  });
});

describe('paletteFor', () => {
  it('returns the archetype palette', () => {
    for (const a of archetypes) expect(paletteFor(a)).toBe(archetypePalettes[a]);
  });

  it('falls back to the neutral palette', () => {
    expect(paletteFor(null)).toBe(neutralPalette);
    expect(paletteFor(undefined)).toBe(neutralPalette);
    expect(paletteFor('toString' as never)).toBe(neutralPalette);
  });
});
