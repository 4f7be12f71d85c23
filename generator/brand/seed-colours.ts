import type { AssetCategory } from '../dna/schema.ts';
import { type HctColor, hctFromHex, hueDistance } from './hct.ts';
import type { Swatch } from './swatches.ts';

/**
 * Picks the brand's seed colours from the swatches of its images: the logo
 * first, then photos. The primary seed is the strongest chromatic swatch of the
 * first image that has one (a swatch weighs by its share of the image and its
 * colourfulness); the accent is the strongest swatch of any image whose hue is
 * clearly apart from the primary's. An all-grey brand (a black logo, a photo
 * of the Moon) yields an achromatic seed: the site then stays neutral.
 */
export interface SwatchSet {
  asset: string;
  category: AssetCategory;
  swatches: Swatch[];
}

export interface Seed {
  hex: string;
  hct: HctColor;
  asset: string;
  category: AssetCategory;
  swatch: Swatch['name'];
}

export interface BrandSeeds {
  primary: Seed;
  accent: Seed | null;
  /** False when no image has a colourful swatch (the primary is then a grey). */
  chromatic: boolean;
}

/** HCT chroma from which a swatch counts as a colour rather than a grey. */
export const MIN_BRAND_CHROMA = 13;
/** Share of an image a swatch must cover to speak for the brand. */
const MIN_SHARE = 0.01;
/** Hue separation between primary and accent. */
const MIN_ACCENT_DISTANCE = 35;

interface Candidate extends Seed {
  share: number;
  score: number;
}

function candidatesOf(set: SwatchSet): Candidate[] {
  const total = set.swatches.reduce((sum, s) => sum + s.population, 0);
  return set.swatches.map((s) => {
    const hct = hctFromHex(s.hex);
    // Synthesised swatches (population 0) keep a token share: they carry the image's hue, not its area.
    const share = total > 0 ? Math.max(s.population / total, s.population > 0 ? 0 : MIN_SHARE / 4) : 0;
    const colourfulness = Math.min(hct.chroma, 60) / 60;
    return {
      hex: s.hex,
      hct,
      asset: set.asset,
      category: set.category,
      swatch: s.name,
      share,
      score: Math.sqrt(share) * colourfulness,
    };
  });
}

const isBrandColour = (c: Candidate) => c.hct.chroma >= MIN_BRAND_CHROMA && c.share >= MIN_SHARE;

function strip(c: Candidate): Seed {
  return { hex: c.hex, hct: c.hct, asset: c.asset, category: c.category, swatch: c.swatch };
}

/** Seeds from swatch sets in priority order (logos first, then photos); null when there are no swatches. */
export function chooseSeeds(sets: SwatchSet[]): BrandSeeds | null {
  const all = sets.map(candidatesOf);
  const byScore = (a: Candidate, b: Candidate) => b.score - a.score;
  let primary: Candidate | undefined;
  for (const candidates of all) {
    primary = candidates.filter(isBrandColour).sort(byScore)[0];
    if (primary) break;
  }
  if (!primary) {
    const first = all.find((c) => c.length > 0);
    if (!first) return null;
    const grey = [...first].sort((a, b) => b.share - a.share)[0]!;
    return { primary: strip(grey), accent: null, chromatic: false };
  }
  const chosen = primary;
  const accent = all
    .flat()
    .filter((c) => isBrandColour(c) && hueDistance(c.hct.hue, chosen.hct.hue) >= MIN_ACCENT_DISTANCE)
    .sort(byScore)[0];
  return { primary: strip(chosen), accent: accent ? strip(accent) : null, chromatic: true };
}
