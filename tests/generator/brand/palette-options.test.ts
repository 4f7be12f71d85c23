import { describe, expect, it } from 'vitest';
import { contrastFailures } from '../../../generator/brand/contrast-pairs.ts';
import { paletteOptions } from '../../../generator/brand/palette-options.ts';
import { chooseSeeds } from '../../../generator/brand/seed-colours.ts';
import type { Swatch } from '../../../generator/brand/swatches.ts';
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

describe('palette options from media', () => {
  const swatches: Swatch[] = [
    { name: 'Vibrant', hex: '#c0392b', population: 900 },
    { name: 'DarkMuted', hex: '#2c3e50', population: 300 },
  ];
  it.each([
    ['logo', 'Your brand colours'],
    ['photo', 'Colours from your photos'],
    ['product', 'Colours from your photos'],
  ] as const)('names colours from a %s for where they came from: %s', (category, label) => {
    const seeds = chooseSeeds([{ asset: 'a', category, swatches }]);
    const options = paletteOptions({ seeds, archetype: 'creator', secondary: null });
    expect(options[0]!.source).toMatchObject({ kind: 'asset', asset: 'a', category });
    expect(options[0]!.label).toBe(label);
    if (category !== 'logo') for (const o of options) expect(o.label).not.toMatch(/brand colour/);
  });
});
