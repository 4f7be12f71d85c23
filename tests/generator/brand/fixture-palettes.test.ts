import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastFailures } from '../../../generator/brand/contrast-pairs.ts';
import { hctFromHex, hueDistance } from '../../../generator/brand/hct.ts';
import { paletteOptions } from '../../../generator/brand/palette-options.ts';
import { deriveRoles } from '../../../generator/brand/palette-roles.ts';
import { chooseSeeds } from '../../../generator/brand/seed-colours.ts';
import { SWATCH_NAMES, swatchesFor } from '../../../generator/brand/swatches.ts';
import { fixtureFiles, fixturesDir } from '../../helpers/fixtures.ts';

/** Every shared fixture image: swatches → seeds → three palette options (and dark roles), all passing contrast. */
const fixtures = fixturesDir;
const files = fixtureFiles();
const cache = mkdtempSync(join(tmpdir(), 'dreamseed-palettes-'));

describe.each(files)('%s', (file) => {
  it('yields swatches, seeds and three palettes that meet every contrast pair', async () => {
    const bytes = readFileSync(join(fixtures, file));
    const first = await swatchesFor(bytes, cache);
    expect(first.swatches.length).toBeGreaterThanOrEqual(3);
    for (const s of first.swatches) {
      expect(SWATCH_NAMES).toContain(s.name);
      expect(s.hex).toMatch(/^#[0-9a-f]{6}$/);
    }
    const again = await swatchesFor(bytes, cache);
    expect(again.from).toBe('cache');
    expect(again.swatches).toEqual(first.swatches);

    const category = file.startsWith('logo') ? 'logo' : 'photo';
    const seeds = chooseSeeds([{ asset: file, category, swatches: first.swatches }])!;
    expect(seeds.primary.asset).toBe(file);
    const options = paletteOptions({ seeds, archetype: 'everyman', secondary: 'caregiver' });
    expect(options.map((o) => o.id)).toEqual([
      'brand',
      seeds.accent ? 'brand-second' : 'brand-deep',
      'archetype',
    ]);
    for (const option of options) expect(contrastFailures(option.roles), option.id).toEqual([]);
    const dark = deriveRoles(
      { primary: seeds.primary.hct, accent: seeds.accent?.hct ?? null },
      { mode: 'dark' },
    );
    expect(contrastFailures(dark)).toEqual([]);
    if (seeds.chromatic) {
      expect(
        hueDistance(hctFromHex(options[0]!.roles.primary).hue, seeds.primary.hct.hue),
      ).toBeLessThanOrEqual(5);
      expect(hueDistance(hctFromHex(dark.primary).hue, seeds.primary.hct.hue)).toBeLessThanOrEqual(5);
    }
  });
});

describe('seeds from the fixtures', () => {
  const swatches = async (file: string) =>
    (await swatchesFor(readFileSync(join(fixtures, file)), cache)).swatches;

  it("takes the Debian logo's crimson and the VLC cone's orange", async () => {
    const debian = chooseSeeds([
      { asset: 'd', category: 'logo', swatches: await swatches('logo-debian.png') },
    ])!;
    expect(hueDistance(debian.primary.hct.hue, hctFromHex('#a80030').hue)).toBeLessThan(8);
    const vlc = chooseSeeds([{ asset: 'v', category: 'logo', swatches: await swatches('logo-vlc.png') }])!;
    expect(hueDistance(vlc.primary.hct.hue, hctFromHex('#f78700').hue)).toBeLessThan(20);
  });

  it('asks the logo first, then photos', async () => {
    const seeds = chooseSeeds([
      { asset: 'logo', category: 'logo', swatches: await swatches('logo-debian.png') },
      { asset: 'photo', category: 'photo', swatches: await swatches('photo-green-meadow.jpg') },
    ])!;
    expect(seeds.primary.asset).toBe('logo');
    expect(seeds.accent?.asset).toBe('photo');
  });

  it('passes over a black-and-grey logo to a colourful photo, and stays neutral when all is grey', async () => {
    const ink = { asset: 'logo', category: 'logo' as const, swatches: await swatches('logo-inkscape.svg') };
    const withPhoto = chooseSeeds([
      ink,
      { asset: 'photo', category: 'photo', swatches: await swatches('photo-warm-orange-flower.jpg') },
    ])!;
    expect(withPhoto.chromatic).toBe(true);
    expect(withPhoto.primary.asset).toBe('photo');
    const grey = chooseSeeds([
      { asset: 'moon', category: 'photo', swatches: await swatches('photo-grey-moon.jpg') },
    ])!;
    expect(grey.chromatic).toBe(false);
    const options = paletteOptions({ seeds: grey, archetype: 'sage', secondary: null });
    expect(hctFromHex(options[0]!.roles.primary).chroma).toBeLessThan(12);
  });

  it('gives no seeds without swatches', () => {
    expect(chooseSeeds([])).toBeNull();
  });
});
