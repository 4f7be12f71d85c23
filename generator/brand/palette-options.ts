import { archetypePalettes, neutralPalette, paletteFor } from '../../themes/palettes.ts';
import type { Palette } from '../catalog/define-theme.ts';
import type { Archetype } from '../dna/schema.ts';
import { contrastFailures } from './contrast-pairs.ts';
import { hctFromHex } from './hct.ts';
import { PALETTE_OPTION_COUNT } from './palette-count.ts';
import { deriveRoles } from './palette-roles.ts';
import type { BrandSeeds } from './seed-colours.ts';

/**
 * The three palettes a founder chooses from. With brand colours (from the logo
 * or photos): the brand palette, a second one (the brand's second colour leads,
 * or a deeper tone of the same colour when there is none) and the palette made
 * for the business's archetype. Without media: the archetype's palette first
 * (the default), then the secondary archetype's or the neutral one, then a
 * deeper variant. Option 0 is the default; the founder's pick is stored as an
 * index on `generated_websites.selected_palette`, so the order is stable.
 */
export type PaletteOptionId =
  | 'brand'
  | 'brand-second'
  | 'brand-deep'
  | 'archetype'
  | 'secondary'
  | 'neutral'
  | 'deep';

export type PaletteSource =
  | { kind: 'asset'; asset: string; category: string; swatch: string; hex: string }
  | { kind: 'archetype'; archetype: Archetype | null };

export interface PaletteOption {
  id: PaletteOptionId;
  label: string;
  source: PaletteSource;
  roles: Palette;
}

/** Tone of the primary in the deeper variants: white labels, a rich fill. */
const DEEP_TONE = 32;

export interface OptionsInput {
  seeds: BrandSeeds | null;
  archetype: Archetype | null | undefined;
  secondary: Archetype | null | undefined;
}

export function paletteOptions({ seeds, archetype, secondary }: OptionsInput): PaletteOption[] {
  const archetypeOption: PaletteOption = {
    id: 'archetype',
    label: archetypeLabel(archetype),
    source: { kind: 'archetype', archetype: archetype ?? null },
    roles: paletteFor(archetype),
  };
  const options = seeds ? brandOptions(seeds, archetypeOption) : archetypeOptions(archetypeOption, secondary);
  for (const option of options) {
    const failures = contrastFailures(option.roles);
    if (failures.length) {
      throw new Error(
        `Palette option ${option.id} fails ${failures.map((f) => `${f.fg}/${f.bg} ${f.ratio}`).join(', ')}`,
      );
    }
  }
  return options;
}

const LABELS = {
  logo: {
    brand: 'Your brand colours',
    second: 'Your second brand colour leads',
    deeper: 'Your brand colour, deeper',
  },
  photo: {
    brand: 'Colours from your photos',
    second: 'Your photos’ second colour leads',
    deeper: 'Your photos’ colour, deeper',
  },
} as const;

/** Options are named for where their colours came from: the logo is the brand; a photo's colours are only the photo's. */
const labelsFor = (seeds: BrandSeeds) => LABELS[seeds.primary.category === 'logo' ? 'logo' : 'photo'];

function brandOptions(seeds: BrandSeeds, archetypeOption: PaletteOption): PaletteOption[] {
  const source = (seed: BrandSeeds['primary']): PaletteSource => ({
    kind: 'asset',
    asset: seed.asset,
    category: seed.category,
    swatch: seed.swatch,
    hex: seed.hex,
  });
  // A grey brand borrows the archetype's accent so the site still has one warm note.
  const accent = seeds.accent?.hct ?? (seeds.chromatic ? null : hctFromHex(archetypeOption.roles.accent));
  const words = labelsFor(seeds);
  const brand: PaletteOption = {
    id: 'brand',
    label: words.brand,
    source: source(seeds.primary),
    roles: deriveRoles({ primary: seeds.primary.hct, accent }),
  };
  const second: PaletteOption = seeds.accent
    ? {
        id: 'brand-second',
        label: words.second,
        source: source(seeds.accent),
        roles: deriveRoles({ primary: seeds.accent.hct, accent: seeds.primary.hct }),
      }
    : {
        id: 'brand-deep',
        label: words.deeper,
        source: source(seeds.primary),
        roles: deriveRoles({ primary: seeds.primary.hct, accent }, { primaryTone: DEEP_TONE, tint: 1.6 }),
      };
  return [brand, distinctFrom(second, brand, seeds), archetypeOption];
}

/** When the deeper variant would equal the brand palette (a brand already that deep), tint more instead. */
function distinctFrom(option: PaletteOption, base: PaletteOption, seeds: BrandSeeds): PaletteOption {
  if (option.roles.primary !== base.roles.primary || option.roles.surface !== base.roles.surface)
    return option;
  return {
    ...option,
    id: 'brand-deep',
    label: labelsFor(seeds).deeper,
    roles: deriveRoles(
      { primary: seeds.primary.hct, accent: seeds.accent?.hct ?? null },
      { primaryTone: Math.max(0, hctFromHex(base.roles.primary).tone - 12), tint: 2 },
    ),
  };
}

function archetypeOptions(first: PaletteOption, secondary: Archetype | null | undefined): PaletteOption[] {
  const options = [first];
  if (
    secondary &&
    Object.hasOwn(archetypePalettes, secondary) &&
    archetypePalettes[secondary] !== first.roles
  ) {
    options.push({
      id: 'secondary',
      label: archetypeLabel(secondary),
      source: { kind: 'archetype', archetype: secondary },
      roles: archetypePalettes[secondary],
    });
  }
  if (options.length < PALETTE_OPTION_COUNT && first.roles !== neutralPalette) {
    options.push({
      id: 'neutral',
      label: archetypeLabel(null),
      source: { kind: 'archetype', archetype: null },
      roles: neutralPalette,
    });
  }
  const base = hctFromHex(first.roles.primary);
  for (let step = 1; options.length < PALETTE_OPTION_COUNT; step++) {
    options.push({
      id: 'deep',
      label: `${first.label}, ${step === 1 ? 'deeper' : 'deepest'}`,
      source: first.source,
      roles: deriveRoles(
        { primary: base, accent: hctFromHex(first.roles.accent) },
        { primaryTone: Math.max(0, base.tone - 12 * step), tint: 1 + 0.5 * step },
      ),
    });
  }
  return options;
}

const ARCHETYPE_MOODS: Record<Archetype, string> = {
  caregiver: 'Warm and reassuring',
  creator: 'Expressive',
  everyman: 'Friendly and plain',
  explorer: 'Outdoors and earthy',
  hero: 'Strong and urgent',
  innocent: 'Airy and optimistic',
  jester: 'Bright and playful',
  lover: 'Intimate and rich',
  magician: 'Transformative',
  outlaw: 'Bold and stark',
  ruler: 'Established and authoritative',
  sage: 'Clear and expert',
};

/** "Friendly and plain (everyman palette)"; the neutral palette when there is no archetype. */
export function archetypeLabel(archetype: Archetype | null | undefined): string {
  if (!archetype || !Object.hasOwn(ARCHETYPE_MOODS, archetype)) return 'Neutral slate';
  return `${ARCHETYPE_MOODS[archetype]} (${archetype} palette)`;
}
