import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sharp } from 'sharp';
import type { AssetCategory } from '../dna/schema.ts';
import type { SpecImage } from '../site/spec.ts';
import { sha256 } from './content-hash.ts';
import { openImage } from './decode.ts';
import { blurPlaceholder } from './placeholder.ts';

/**
 * Responsive variants of one founder image: upright (EXIF orientation applied),
 * every metadata block (EXIF, GPS, XMP, ICC) dropped, AVIF (effort 0) and WebP
 * at the widths the layout slots need, never upscaled, plus a tiny blur
 * placeholder for opaque images. Cached by content hash + widths, so an
 * unchanged image costs one hash on rebuild.
 */
export interface VariantFile {
  format: 'avif' | 'webp';
  width: number;
  height: number;
  name: string;
  bytes: number;
}

export interface VariantSet {
  /** First 16 hex digits of the image's sha256. */
  hash: string;
  /** Cache folder holding the files. */
  dir: string;
  /** Upright intrinsic size of the largest variant. */
  width: number;
  height: number;
  hasAlpha: boolean;
  files: VariantFile[];
  /** `data:image/webp;base64,…` for opaque images; null for images with transparency (logos). */
  placeholder: string | null;
}

/**
 * Widths per asset category, from the slots that show them: photos fill the
 * hero (100vw, to 1600 px for 2× screens) and gallery cells (30–46vw); team
 * photos run from a 96 px signature to a 40vw portrait; product shots sit in
 * cards; logos stand in a 160 px header slot (2× = 320).
 */
export const SLOT_WIDTHS: Record<Exclude<AssetCategory, 'document'>, readonly number[]> = {
  photo: [480, 800, 1200, 1600],
  team: [192, 480, 800, 1200],
  product: [480, 800, 1200],
  logo: [96, 192, 320],
};

const CACHE_VERSION = 2;
const AVIF = { quality: 50, effort: 0 } as const;
const WEBP = { quality: 74, effort: 2 } as const;

export async function imageVariants(
  input: string | Buffer,
  widths: readonly number[],
  cacheDir: string,
): Promise<VariantSet & { cached: boolean }> {
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const hash = sha256(bytes).slice(0, 16);
  const key = `${hash}-${widths.join('_')}-v${CACHE_VERSION}`;
  const dir = join(cacheDir, key);
  const manifest = join(dir, 'variants.json');
  if (existsSync(manifest)) {
    return { ...(JSON.parse(await readFile(manifest, 'utf8')) as VariantSet), dir, cached: true };
  }

  const opened = await openImage(bytes);
  const { image: base, width } = opened;
  const hasAlpha = opened.hasAlpha && !(await base.clone().stats()).isOpaque;
  const targets = [...new Set(widths.filter((w) => w < width).concat(Math.min(width, widths.at(-1)!)))].sort(
    (a, b) => a - b,
  );
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    // Encodes run concurrently on libuv's pool (both cores); WebP effort 2 and AVIF effort 0 cost a
    // fraction of the time of higher efforts for bytes within ~5% (see bench-results/).
    const encoded = await Promise.all(
      targets.flatMap((w) => {
        const resized = base.clone().resize({ width: w, withoutEnlargement: true });
        return [encode(resized.clone().avif(AVIF), 'avif'), encode(resized.clone().webp(WEBP), 'webp')];
      }),
    );
    const files: VariantFile[] = [];
    for (const { format, out } of encoded) {
      const name = `${hash}-${out.info.width}.${format}`;
      await writeFile(join(tmp, name), out.data);
      files.push({ format, width: out.info.width, height: out.info.height, name, bytes: out.data.length });
    }
    const largest = files.filter((f) => f.format === 'webp').at(-1)!;
    const set: VariantSet = {
      hash,
      dir,
      width: largest.width,
      height: largest.height,
      hasAlpha,
      files,
      placeholder: hasAlpha ? null : await blurPlaceholder(base),
    };
    await writeFile(join(tmp, 'variants.json'), JSON.stringify(set));
    await rename(tmp, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished the same set first: theirs is identical.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(tmp, { recursive: true, force: true });
    });
    return { ...set, cached: false };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

function encode(pipeline: Sharp, format: 'avif' | 'webp') {
  return pipeline.toBuffer({ resolveWithObject: true }).then((out) => ({ format, out }));
}

/** Copies a variant set's files into the site under `/_img/`. */
export async function copyVariants(set: VariantSet, outDir: string): Promise<void> {
  const target = join(outDir, '_img');
  await mkdir(target, { recursive: true });
  for (const f of set.files) await copyFile(join(set.dir, f.name), join(target, f.name));
}

/** The spec's description of a variant set: sources per format, intrinsic size, placeholder. */
export function describeVariants(set: VariantSet): SpecImage {
  const srcset = (format: 'avif' | 'webp') =>
    set.files
      .filter((f) => f.format === format)
      .map((f) => `/_img/${f.name} ${f.width}w`)
      .join(', ');
  const largest = set.files.filter((f) => f.format === 'webp').at(-1)!;
  return {
    src: `/_img/${largest.name}`,
    width: set.width,
    height: set.height,
    sources: [
      { type: 'image/avif', srcset: srcset('avif') },
      { type: 'image/webp', srcset: srcset('webp') },
    ],
    placeholder: set.placeholder,
  };
}
