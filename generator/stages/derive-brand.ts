import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PaletteOption, paletteOptions } from '../brand/palette-options.ts';
import { type PaletteReport, paletteReport } from '../brand/palette-report.ts';
import { chooseSeeds, type SwatchSet } from '../brand/seed-colours.ts';
import { type MediaSwatches, swatchesFor } from '../brand/swatches.ts';
import type { Palette } from '../catalog/define-theme.ts';
import type { AssetCategory, DnaBundle } from '../dna/schema.ts';
import { knownClassification } from '../dna/vocabulary.ts';
import { DreamseedError, errors } from '../errors.ts';
import { sha256 } from '../media/content-hash.ts';
import { type Favicon, faviconPath, logoFavicon, monogramFavicon } from '../media/favicon.ts';
import { describeVariants, planVariants, SLOT_WIDTHS, type VariantPlan } from '../media/variants.ts';
import { businessNameOf } from '../site/build-spec.ts';
import type { SpecImage } from '../site/spec.ts';
import { assetsIn } from '../writers/offline.ts';
import type { WrittenSite } from '../writers/written-site.ts';

/**
 * The brand stage: swatches of the founder's logo and photos (node-vibrant,
 * cached by image hash), three palette options built from them that meet WCAG
 * 2.2 (the archetype palettes when there are no media), the founder's chosen
 * option, sized variants with blur placeholders for every image the written
 * sections use, and the site icons (from the logo, or a monogram).
 */
export interface Brand {
  palette: Palette;
  /** `asset:<id>` or `archetype:<name>` (recorded in custom_branding). */
  paletteSource: string;
  paletteOptions: PaletteOption[];
  selectedPalette: number;
  /** The `palette` block of `generate --json`. */
  paletteReport: PaletteReport;
  /** Swatches computed for stored media rows that did not hold current ones (to record on media_assets). */
  mediaSwatches: MediaSwatches[];
  images: Record<string, SpecImage>;
  /** The variants of every image the pages show: known at once, their files encoded while the pages render. */
  variantSets: VariantPlan[];
  /** Image work this build did (the rest came from the caches): what a rebuild after one new photo costs. */
  work: { variantSetsEncoded: number; swatchesComputed: number };
  /** The icon the pages link, and its files once they are made (or read from the cache). */
  favicon: { path: string; ready: Promise<Favicon> };
  logoAsset: string | null;
}

export interface BrandOptions {
  /** The founder's stored pick among the palette options (generated_websites.selected_palette). */
  storedPalette?: number | null | undefined;
  /** An explicit pick for this build (overrides the stored one; must be a valid option index). */
  requestedPalette?: number | undefined;
}

/** Categories whose colours speak for the brand, in the order they are asked. */
const PALETTE_CATEGORIES: AssetCategory[] = ['logo', 'photo', 'product'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Media = DnaBundle['media'][number] & { asset: string; index: number };

export async function deriveBrand(
  bundle: DnaBundle,
  written: WrittenSite,
  cacheDir: string,
  options: BrandOptions = {},
): Promise<Brand> {
  const used = new Set(written.all.filter((s) => s.status === 'draft').flatMap((s) => assetsIn(s.content)));
  const media: Media[] = bundle.media
    .map((m, index) => ({ ...m, asset: m.id ?? `bundle-${index}`, index }))
    .filter((m) => m.path && m.asset_category !== 'document');
  // Files are read when needed and not kept: a founder may have many large photos.

  const ranked = PALETTE_CATEGORIES.flatMap((category) =>
    media
      .filter((m) => m.asset_category === category)
      .sort(
        (a, b) =>
          Number(used.has(b.asset)) - Number(used.has(a.asset)) ||
          Number(b.is_primary ?? false) - Number(a.is_primary ?? false) ||
          (a.sort_order ?? 0) - (b.sort_order ?? 0) ||
          a.index - b.index,
      ),
  );
  const images: Record<string, SpecImage> = {};
  // Every image is planned (sizes, names, placeholder: what the pages say of it) before any is encoded, and
  // before the palette: the encodes (and later the icons) run on the thread pool while the swatches are
  // computed and the pages render, and the build awaits them. They are the last work a cold build waits for.
  const { promise: after, resolve: planned } = Promise.withResolvers<void>();
  const variantSets: VariantPlan[] = [];
  for (const m of media) {
    if (!used.has(m.asset)) continue;
    const widths = SLOT_WIDTHS[m.asset_category as keyof typeof SLOT_WIDTHS];
    const plan = await planVariants(await readMedia(m), widths, join(cacheDir, 'images'), {
      after,
      flat: m.asset_category === 'logo',
    }).catch((error: unknown) => {
      throw unreadable(m, error);
    });
    variantSets.push({ ...plan, ready: forBuild(m, plan.ready) });
    images[m.asset] = describeVariants(plan);
  }
  planned();

  const sets: SwatchSet[] = [];
  const mediaSwatches: MediaSwatches[] = [];
  let swatchesComputed = 0;
  for (const m of ranked) {
    // A file the site shows (or the logo) must be readable; another one only stops counting towards the palette.
    const required = used.has(m.asset) || m.asset_category === 'logo';
    const result = await readMedia(m)
      .then((data) => {
        const known = m.palette_source_hash === sha256(data) ? m.color_palette : undefined;
        return swatchesFor(data, join(cacheDir, 'images'), known);
      })
      .catch((error: unknown) => {
        if (required) throw error instanceof DreamseedError ? error : unreadable(m, error);
        return null;
      });
    if (!result) continue;
    if (result.from === 'computed') swatchesComputed++;
    sets.push({ asset: m.asset, category: m.asset_category, swatches: result.swatches });
    if (UUID.test(m.asset) && result.from !== 'known') {
      const { hash, from: _from, ...swatches } = result;
      mediaSwatches.push({ assetId: m.asset, sourceHash: hash, swatches });
    }
  }

  const seeds = chooseSeeds(sets);
  const known = knownClassification(bundle);
  const choices = paletteOptions({
    seeds,
    archetype: known.business_archetype,
    secondary: known.secondary_archetype,
  });
  const valid = (n: number | null | undefined): n is number =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < choices.length;
  if (options.requestedPalette !== undefined && !valid(options.requestedPalette)) {
    throw errors.usage(
      `There is no palette option ${options.requestedPalette}: the options are 0 to ${choices.length - 1}.`,
      'Pick one of the options listed under `palette.options` in `dreamseed generate --json`.',
    );
  }
  // A stored pick that no longer exists (there were fewer options) falls back to the default.
  const selected = [options.requestedPalette, options.storedPalette].find(valid) ?? 0;
  const palette = choices[selected]!.roles;
  const source = choices[selected]!.source;

  const logo = ranked.find((m) => m.asset_category === 'logo');
  const logoBytes = logo ? await readMedia(logo) : null;
  const icons = join(cacheDir, 'icons');
  const favicon = {
    path: faviconPath(logo !== undefined),
    ready: logoBytes
      ? forBuild(logo!, logoFavicon(logoBytes, palette, icons))
      : monogramFavicon(businessNameOf(bundle), palette, icons),
  };
  return {
    palette,
    paletteSource:
      source.kind === 'asset' ? `asset:${source.asset}` : `archetype:${source.archetype ?? 'neutral'}`,
    paletteOptions: choices,
    selectedPalette: selected,
    paletteReport: paletteReport({ sets, seeds, options: choices, selected }),
    mediaSwatches,
    images,
    variantSets,
    work: { variantSetsEncoded: variantSets.filter((v) => !v.cached).length, swatchesComputed },
    favicon,
    logoAsset: logo?.asset ?? null,
  };
}

async function readMedia(m: Media): Promise<Buffer> {
  try {
    return await readFile(m.path!);
  } catch (error) {
    throw unreadable(m, error);
  }
}

/**
 * Image work the build awaits later: a failure names the file, and is not an unhandled rejection in the
 * meantime (the build rethrows it when it awaits).
 */
function forBuild<T>(m: Media, work: Promise<T>): Promise<T> {
  const named = work.catch((error: unknown) => {
    throw unreadable(m, error);
  });
  named.catch(() => {});
  return named;
}

function unreadable(m: Media, error: unknown): DreamseedError {
  return errors.mediaUnreadable(
    { asset: m.asset, category: m.asset_category, name: m.asset_name ?? m.asset, path: m.path },
    error,
  );
}
