import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';

/**
 * One way to open a founder image with sharp, everywhere: a pixel limit that
 * sharp checks from the header before decoding (a small file declaring a huge
 * image is refused without being decoded), corrupt or truncated data is an
 * error rather than grey pixels, EXIF orientation applied. SVG (bundle files;
 * uploads are rasterised when they are added) is rendered once, at a density
 * that gives RASTER_SIDE px on its longer side.
 */
export const LIMIT_INPUT_PIXELS = 40_000_000;
/**
 * Longer side of an SVG's rasterisation: enough for a 320 px logo slot at 1.5×
 * and a 180 px touch icon. librsvg's filters make larger sizes costly (an
 * Inkscape logo with blurs: ~0.4 s at 512 px, ~3 s at 1024 px).
 */
export const RASTER_SIDE = 512;
const SVG_BASE_DENSITY = 72;
const MAX_SVG_DENSITY = 2400;

export interface RawPixels {
  data: Buffer;
  width: number;
  height: number;
}

export interface OpenedImage {
  /** Upright pipeline; clone it for each output. */
  image: Sharp;
  format: string;
  /** Upright size in pixels (after orientation and, for SVG, rasterisation). */
  width: number;
  height: number;
  hasAlpha: boolean;
  metadata: Metadata;
}

export async function openImage(input: Buffer | string): Promise<OpenedImage> {
  const options: SharpOptions = { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error' };
  let metadata = await sharp(input, options).metadata();
  const format = metadata.format ?? 'unknown';
  if (format === 'svg' && metadata.width && metadata.height) {
    // Rendered once to PNG: every later clone of the pipeline would otherwise render the SVG again.
    input = await rasterised(input, metadata.width, metadata.height, options);
    metadata = await sharp(input, options).metadata();
  }
  const upright = metadata.autoOrient ?? { width: metadata.width ?? 0, height: metadata.height ?? 0 };
  return {
    image: sharp(input, options).rotate(),
    format,
    width: upright.width,
    height: upright.height,
    hasAlpha: metadata.hasAlpha ?? false,
    metadata,
  };
}

/** Recent SVG renderings by content hash: a build opens the same logo for swatches, variants and icons. */
const renderings = new Map<string, Buffer>();
const MAX_RENDERINGS = 8;

async function rasterised(
  svg: Buffer | string,
  width: number,
  height: number,
  options: SharpOptions,
): Promise<Buffer> {
  const bytes = typeof svg === 'string' ? await readFile(svg) : svg;
  const key = createHash('sha256').update(bytes).digest('hex');
  const known = renderings.get(key);
  if (known) return known;
  const scale = RASTER_SIDE / Math.max(width, height);
  const density = Math.min(MAX_SVG_DENSITY, Math.max(1, SVG_BASE_DENSITY * scale));
  const png = await sharp(bytes, { ...options, density })
    .png({ compressionLevel: 1 })
    .toBuffer();
  if (renderings.size >= MAX_RENDERINGS) renderings.delete(renderings.keys().next().value!);
  renderings.set(key, png);
  return png;
}

/** Upright RGBA pixels, at most `side` px on the longer side (never enlarged). */
export async function decodeForAnalysis(
  input: Buffer | string | OpenedImage,
  side = 400,
): Promise<RawPixels> {
  const opened = typeof input === 'string' || Buffer.isBuffer(input) ? await openImage(input) : input;
  const { data, info } = await opened.image
    .clone()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
