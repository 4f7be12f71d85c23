import type { Palette } from '../catalog/define-theme.ts';
import { type ContrastResult, contrastReport } from './contrast-pairs.ts';
import type { PaletteOption, PaletteSource } from './palette-options.ts';
import type { BrandSeeds, SwatchSet } from './seed-colours.ts';

/**
 * The `palette` block of `generate --json`: where the colours came from, the
 * swatches seen, the roles in use, every contrast pair with its ratio, and the
 * options the founder can pick from.
 */
export interface PaletteReport {
  source: PaletteSource;
  swatches: { asset: string; category: string; name: string; hex: string; population: number }[];
  seeds: { primary: string; accent: string | null; chromatic: boolean } | null;
  roles: Palette;
  contrast: ContrastResult[];
  options: {
    index: number;
    id: string;
    label: string;
    source: PaletteSource;
    primary: string;
    accent: string;
    bg: string;
  }[];
  selected: number;
}

export function paletteReport(input: {
  sets: SwatchSet[];
  seeds: BrandSeeds | null;
  options: PaletteOption[];
  selected: number;
}): PaletteReport {
  const chosen = input.options[input.selected]!;
  return {
    source: chosen.source,
    swatches: input.sets.flatMap((set) =>
      set.swatches.map((s) => ({
        asset: set.asset,
        category: set.category,
        name: s.name,
        hex: s.hex,
        population: s.population,
      })),
    ),
    seeds: input.seeds
      ? {
          primary: input.seeds.primary.hex,
          accent: input.seeds.accent?.hex ?? null,
          chromatic: input.seeds.chromatic,
        }
      : null,
    roles: { ...chosen.roles },
    contrast: contrastReport(chosen.roles),
    options: input.options.map((o, index) => ({
      index,
      id: o.id,
      label: o.label,
      source: o.source,
      primary: o.roles.primary,
      accent: o.roles.accent,
      bg: o.roles.bg,
    })),
    selected: input.selected,
  };
}
