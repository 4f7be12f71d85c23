import { describe, expect, it } from 'vitest';
import { contrastFailures } from '../../../generator/brand/contrast-pairs.ts';
import { paletteOptions } from '../../../generator/brand/palette-options.ts';
import { archetypes } from '../../../generator/dna/schema.ts';
import { archetypePalettes, neutralPalette } from '../../../themes/palettes.ts';

describe('palette options without media', () => {
  it.each(archetypes)('%s: the archetype palette first, then two distinct alternatives', (archetype) => {
    const options = paletteOptions({ seeds: null, archetype, secondary: null });
    expect(options).toHaveLength(3);
    expect(options[0]!.roles).toBe(archetypePalettes[archetype]);
    expect(new Set(options.map((o) => JSON.stringify(o.roles))).size).toBe(3);
    for (const o of options) expect(contrastFailures(o.roles), o.id).toEqual([]);
  });

  it('offers the secondary archetype next', () => {
    const options = paletteOptions({ seeds: null, archetype: 'everyman', secondary: 'caregiver' });
    expect(options.map((o) => o.id)).toEqual(['archetype', 'secondary', 'neutral']);
    expect(options[1]!.roles).toBe(archetypePalettes.caregiver);
    expect(options[1]!.label).toMatch(/caregiver/);
  });

  it('falls back to the neutral palette, then deeper variants of it', () => {
    const options = paletteOptions({ seeds: null, archetype: null, secondary: null });
    expect(options[0]!.roles).toBe(neutralPalette);
    expect(options.map((o) => o.id)).toEqual(['archetype', 'deep', 'deep']);
    expect(new Set(options.map((o) => o.roles.primary)).size).toBe(3);
    for (const o of options) expect(contrastFailures(o.roles), o.label).toEqual([]);
  });
});
