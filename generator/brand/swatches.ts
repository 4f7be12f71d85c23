import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BasicPipeline, Vibrant } from '@vibrant/core';
import { DefaultGenerator } from '@vibrant/generator-default';
import { MMCQ } from '@vibrant/quantizer-mmcq';
import { sha256 } from '../media/content-hash.ts';
import { decodeForAnalysis, type RawPixels } from '../media/decode.ts';

// node-vibrant's own pipeline (the set-up `node-vibrant/node` registers: its default filter, the MMCQ
// quantizer and the default generator), from its packages, without the Jimp image loader that entry
// point brings (~90 modules): the pixels come decoded by sharp.
Vibrant.use(
  new BasicPipeline().filter
    .register('default', (r, g, b, a) => a >= 125 && !(r > 250 && g > 250 && b > 250))
    .quantizer.register('mmcq', MMCQ)
    .generator.register('default', DefaultGenerator),
);

/**
 * Colour swatches of one image with node-vibrant, computed on a ≤ 400 px
 * downscale decoded by sharp (upright, with alpha so transparent logo pixels
 * are ignored). Cached by the image's sha256: a known image costs one small
 * file read.
 */
export const SWATCH_NAMES = [
  'Vibrant',
  'DarkVibrant',
  'LightVibrant',
  'Muted',
  'DarkMuted',
  'LightMuted',
] as const;
export type SwatchName = (typeof SWATCH_NAMES)[number];

export interface Swatch {
  name: SwatchName;
  hex: string;
  /** Pixels node-vibrant counted for it; 0 for a swatch it synthesised from the others. */
  population: number;
}

/** What is stored in `media_assets.color_palette` and the cache. */
export interface StoredSwatches {
  version: typeof SWATCHES_VERSION;
  extractor: string;
  swatches: Swatch[];
  /** The most populous swatch (`media_assets.dominant_color`). */
  dominant: string | null;
}

/** Swatches computed for one stored image during a build, to be stored on its `media_assets` row. */
export interface MediaSwatches {
  assetId: string;
  /** Hash of the image bytes the swatches were computed from (`palette_source_hash`). */
  sourceHash: string;
  swatches: StoredSwatches;
}

export const SWATCHES_VERSION = 1;
const EXTRACTOR = 'node-vibrant@4 (mmcq, ≤400 px)';

/** Swatches from already-decoded pixels (RGBA, ≤ 400 px). */
export async function swatchesFromPixels(pixels: RawPixels): Promise<StoredSwatches> {
  const { data, width, height } = pixels;
  class DecodedImage {
    load() {
      return Promise.resolve(this);
    }
    clear() {}
    update() {}
    remove() {}
    resize() {}
    scaleDown() {}
    getWidth() {
      return width;
    }
    getHeight() {
      return height;
    }
    getPixelCount() {
      return width * height;
    }
    getImageData() {
      return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height };
    }
  }
  const palette = await Vibrant.from(data)
    .useImageClass(DecodedImage as never)
    .useQuantizer('mmcq')
    .useGenerator('default')
    .addFilter('default')
    .quality(1)
    .getPalette();
  const swatches: Swatch[] = [];
  for (const name of SWATCH_NAMES) {
    const s = palette[name];
    if (s) swatches.push({ name, hex: s.hex.toLowerCase(), population: Math.round(s.population) });
  }
  const dominant = swatches.reduce<Swatch | null>(
    (best, s) => (s.population > 0 && (!best || s.population > best.population) ? s : best),
    null,
  );
  return { version: SWATCHES_VERSION, extractor: EXTRACTOR, swatches, dominant: dominant?.hex ?? null };
}

/**
 * Swatches of an image file's bytes, through the cache under `cacheDir/palette/`.
 * `known` (e.g. `media_assets.color_palette` whose `palette_source_hash` matches
 * these bytes) is used as is when it has the current format.
 */
export async function swatchesFor(
  bytes: Buffer,
  cacheDir: string,
  known?: unknown,
  /** The image already decoded (≤ 400 px RGBA), to skip decoding it again. */
  pixels?: RawPixels,
): Promise<StoredSwatches & { hash: string; from: 'known' | 'cache' | 'computed' }> {
  const hash = sha256(bytes);
  if (isStoredSwatches(known)) return { ...known, hash, from: 'known' };
  const file = join(cacheDir, 'palette', `${hash}.json`);
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isStoredSwatches(parsed)) return { ...parsed, hash, from: 'cache' };
  }
  const stored = await swatchesFromPixels(pixels ?? (await decodeForAnalysis(bytes)));
  await mkdir(join(cacheDir, 'palette'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(stored));
  await rename(tmp, file);
  return { ...stored, hash, from: 'computed' };
}

/** Whether a stored value (a cache file, a `color_palette` column) holds swatches in the current format. */
export function isStoredSwatches(value: unknown): value is StoredSwatches {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<StoredSwatches>;
  return (
    v.version === SWATCHES_VERSION &&
    Array.isArray(v.swatches) &&
    v.swatches.every(
      (s) =>
        s &&
        typeof s.hex === 'string' &&
        /^#[0-9a-f]{6}$/.test(s.hex) &&
        typeof s.population === 'number' &&
        (SWATCH_NAMES as readonly string[]).includes(s.name),
    )
  );
}
