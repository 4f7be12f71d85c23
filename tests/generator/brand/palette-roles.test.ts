import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastFailures, contrastPairs, contrastReport } from '../../../generator/brand/contrast-pairs.ts';
import { hctFromHex, hexFromHct, hueDistance } from '../../../generator/brand/hct.ts';
import { deriveRoles, type Mode } from '../../../generator/brand/palette-roles.ts';
import { paletteRoles } from '../../../generator/catalog/define-theme.ts';

/**
 * Roles from any brand colour meet every contrast pair in light and dark mode,
 * and the primary keeps the brand's hue. Brand colours are swept per family:
 * very light, very dark, as saturated as sRGB allows, and grey.
 */
const HUE_TOLERANCE = 5;
/** Below this HCT chroma a colour has no hue worth keeping (and hex rounding moves it). */
const HUED = 10;

const families = {
  'very light': fc.record({
    hue: fc.double({ min: 0, max: 360, noNaN: true }),
    chroma: fc.double({ min: 0, max: 40, noNaN: true }),
    tone: fc.double({ min: 90, max: 99.5, noNaN: true }),
  }),
  'very dark': fc.record({
    hue: fc.double({ min: 0, max: 360, noNaN: true }),
    chroma: fc.double({ min: 0, max: 60, noNaN: true }),
    tone: fc.double({ min: 0.5, max: 10, noNaN: true }),
  }),
  saturated: fc.record({
    hue: fc.double({ min: 0, max: 360, noNaN: true }),
    chroma: fc.constant(150),
    tone: fc.double({ min: 15, max: 90, noNaN: true }),
  }),
  grey: fc.record({
    hue: fc.double({ min: 0, max: 360, noNaN: true }),
    chroma: fc.double({ min: 0, max: 4, noNaN: true }),
    tone: fc.double({ min: 0, max: 100, noNaN: true }),
  }),
  any: fc.record({
    hue: fc.double({ min: 0, max: 360, noNaN: true }),
    chroma: fc.double({ min: 0, max: 120, noNaN: true }),
    tone: fc.double({ min: 0, max: 100, noNaN: true }),
  }),
};

const seedOf = (c: { hue: number; chroma: number; tone: number }) =>
  hctFromHex(hexFromHct(c.hue, c.chroma, c.tone));

describe.each(['light', 'dark'] as Mode[])('deriveRoles (%s mode)', (mode) => {
  it.each(Object.keys(families))('%s brand colours meet every pair and keep their hue', (family) => {
    fc.assert(
      fc.property(
        families[family as keyof typeof families],
        fc.option(families.any, { nil: null }),
        (p, a) => {
          const primary = seedOf(p);
          const palette = deriveRoles({ primary, accent: a ? seedOf(a) : null }, { mode });
          expect(contrastFailures(palette)).toEqual([]);
          for (const role of paletteRoles) expect(palette[role]).toMatch(/^#[0-9a-f]{6}$/);
          if (primary.chroma >= HUED) {
            expect(hueDistance(hctFromHex(palette.primary).hue, primary.hue)).toBeLessThanOrEqual(
              HUE_TOLERANCE,
            );
            expect(hueDistance(hctFromHex(palette.link).hue, primary.hue)).toBeLessThanOrEqual(HUE_TOLERANCE);
          }
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });
});

describe('deriveRoles', () => {
  it('keeps a brand colour that already works exactly (Debian crimson)', () => {
    const palette = deriveRoles({ primary: hctFromHex('#ac0434'), accent: null });
    expect(palette.primary).toBe('#ac0434');
    expect(palette.onPrimary).toBe('#ffffff');
  });

  it('darkens a light brand colour only as far as the page needs, with dark button labels', () => {
    const seed = hctFromHex('#fcad04');
    const palette = deriveRoles({ primary: seed, accent: null });
    const primary = hctFromHex(palette.primary);
    expect(primary.tone).toBeLessThan(seed.tone);
    expect(primary.tone).toBeGreaterThan(50);
    expect(hctFromHex(palette.onPrimary).tone).toBeLessThan(20);
    // A little lighter would fail 3:1 against the page or its bands: it sits at the boundary, not far below.
    const lighter = hexFromHct(primary.hue, primary.chroma, primary.tone + 1.5);
    const failing = contrastReport({ ...palette, primary: lighter }).filter((r) => !r.pass);
    expect(failing.map((r) => `${r.fg}/${r.bg}`)).toContainEqual(
      expect.stringMatching(/^primary\/(bg|surface)$/),
    );
  });

  it('honours a requested primary tone (the deeper option)', () => {
    const palette = deriveRoles({ primary: hctFromHex('#587095'), accent: null }, { primaryTone: 25 });
    expect(Math.abs(hctFromHex(palette.primary).tone - 25)).toBeLessThan(1);
  });

  it('puts the focus ring in a hue apart from a blue brand', () => {
    const blue = deriveRoles({ primary: hctFromHex('#1d5bd2'), accent: null });
    const red = deriveRoles({ primary: hctFromHex('#c2181d'), accent: null });
    expect(hueDistance(hctFromHex(blue.focus).hue, hctFromHex(blue.primary).hue)).toBeGreaterThan(50);
    expect(hueDistance(hctFromHex(red.focus).hue, hctFromHex(red.primary).hue)).toBeGreaterThan(50);
  });

  it('checks every role pair the site draws', () => {
    const roles = new Set(contrastPairs.flatMap((p) => [p.fg, p.bg]));
    for (const role of paletteRoles.filter((r) => r !== 'border')) expect(roles.has(role), role).toBe(true);
  });
});
