import { join } from 'node:path';
import sharp from 'sharp';
import { paletteFor } from '../../themes/palettes.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { describeVariants, imageVariants, SLOT_WIDTHS, type VariantSet } from '../media/variants.ts';
import type { SpecImage } from '../site/spec.ts';
import type { Palette } from '../site/theme-vars.ts';
import { assetsIn } from '../writers/offline.ts';
import type { WrittenSite } from './write-sections.ts';

/**
 * The brand stage: colour roles (the archetype palette until media-derived
 * palettes land), sized variants for every image the written sections use, and
 * the favicon (from the logo, or a monogram in the brand colour).
 */
export interface Brand {
  palette: Palette;
  paletteSource: string;
  images: Record<string, SpecImage>;
  variantSets: VariantSet[];
  favicon: { path: string; files: { name: string; data: Buffer | string }[] };
  logoAsset: string | null;
}

export async function deriveBrand(bundle: DnaBundle, written: WrittenSite, cacheDir: string): Promise<Brand> {
  const palette = paletteFor(bundle.type?.business_archetype ?? null);
  const used = new Set(written.all.filter((s) => s.status === 'draft').flatMap((s) => assetsIn(s.content)));

  const images: Record<string, SpecImage> = {};
  const variantSets: VariantSet[] = [];
  let logoAsset: string | null = null;
  let logoPath: string | null = null;
  for (const [index, media] of bundle.media.entries()) {
    const asset = media.id ?? `bundle-${index}`;
    if (media.asset_category === 'logo' && media.path && !logoPath) {
      logoPath = media.path;
      logoAsset = asset;
    }
    if (!used.has(asset) || !media.path) continue;
    const widths = media.asset_category === 'logo' ? SLOT_WIDTHS.logo : SLOT_WIDTHS.photo;
    const set = await imageVariants(media.path, widths, join(cacheDir, 'images'));
    variantSets.push(set);
    images[asset] = describeVariants(set);
  }
  const favicon = logoPath ? await logoFavicon(logoPath) : monogramFavicon(bundle, palette);
  return {
    palette,
    paletteSource: `archetype:${bundle.type?.business_archetype ?? 'neutral'}`,
    images,
    variantSets,
    favicon,
    logoAsset,
  };
}

async function logoFavicon(path: string): Promise<Brand['favicon']> {
  const base = sharp(path, { limitInputPixels: 40_000_000 }).rotate();
  const square = (size: number) =>
    base
      .clone()
      .resize({ width: size, height: size, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png({ compressionLevel: 9 })
      .toBuffer();
  return {
    path: '/favicon.png',
    files: [
      { name: 'favicon.png', data: await square(48) },
      { name: 'apple-touch-icon.png', data: await square(180) },
    ],
  };
}

function monogramFavicon(bundle: DnaBundle, palette: Palette): Brand['favicon'] {
  const name = (bundle.truth.business_name ?? bundle.user.business_name ?? bundle.user.slug).trim();
  const initial = Array.from(name.replace(/^(the|a|an)\s+/i, '')).find((c) => /[\p{L}\p{N}]/u.test(c)) ?? '•';
  const escaped = initial.toLocaleUpperCase('en').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${palette.primary}"/><text x="32" y="44" text-anchor="middle" font-family="system-ui,sans-serif" font-size="34" font-weight="700" fill="${palette.onPrimary}">${escaped}</text></svg>`;
  return { path: '/favicon.svg', files: [{ name: 'favicon.svg', data: svg }] };
}
