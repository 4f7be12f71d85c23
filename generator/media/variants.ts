import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SpecImage } from '../site/spec.ts';

/**
 * Responsive variants of one founder image: upright (EXIF orientation applied),
 * metadata stripped, AVIF (effort 0) and WebP at the widths the layout slot
 * needs, never upscaled. Cached by content hash + widths, so an unchanged image
 * costs nothing on rebuild.
 */
export interface VariantSet {
  hash: string;
  /** Cache folder holding the files. */
  dir: string;
  width: number;
  height: number;
  files: { format: 'avif' | 'webp'; width: number; height: number; name: string }[];
}

export const SLOT_WIDTHS = {
  photo: [480, 800, 1200, 1600],
  logo: [96, 192, 320],
} as const;

const LIMIT_INPUT_PIXELS = 40_000_000;

export async function imageVariants(
  file: string,
  widths: readonly number[],
  cacheDir: string,
): Promise<VariantSet> {
  const bytes = await readFile(file);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const key = `${hash}-${widths.join('_')}`;
  const dir = join(cacheDir, key);
  const manifest = join(dir, 'variants.json');
  if (existsSync(manifest)) return { ...(JSON.parse(await readFile(manifest, 'utf8')) as VariantSet), dir };

  const base = sharp(bytes, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error' }).rotate();
  const meta = await base
    .clone()
    .toBuffer({ resolveWithObject: true })
    .then((r) => r.info);
  const targets = [
    ...new Set(widths.filter((w) => w < meta.width).concat(Math.min(meta.width, widths.at(-1)!))),
  ].sort((a, b) => a - b);
  const tmp = `${dir}.tmp-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  // Encodes run concurrently on libuv's pool (both cores); WebP effort 2 and AVIF effort 0 cost a
  // fraction of the time of higher efforts for bytes within ~5% (see bench-results/generate.md).
  const encoded = await Promise.all(
    targets.flatMap((w) => {
      const resized = base.clone().resize({ width: w, withoutEnlargement: true });
      return [
        resized
          .clone()
          .avif({ quality: 50, effort: 0 })
          .toBuffer({ resolveWithObject: true })
          .then((out) => ({ format: 'avif' as const, out })),
        resized
          .clone()
          .webp({ quality: 74, effort: 2 })
          .toBuffer({ resolveWithObject: true })
          .then((out) => ({ format: 'webp' as const, out })),
      ];
    }),
  );
  const files: VariantSet['files'] = [];
  for (const { format, out } of encoded) {
    const name = `${hash}-${out.info.width}.${format}`;
    await writeFile(join(tmp, name), out.data);
    files.push({ format, width: out.info.width, height: out.info.height, name });
  }
  const largest = files.filter((f) => f.format === 'webp').at(-1)!;
  const set: VariantSet = { hash, dir, width: largest.width, height: largest.height, files };
  await writeFile(join(tmp, 'variants.json'), JSON.stringify(set));
  await rename(tmp, dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
  return set;
}

/** Copies a variant set's files into the site under `/_img/`. */
export async function copyVariants(set: VariantSet, outDir: string): Promise<void> {
  const target = join(outDir, '_img');
  await mkdir(target, { recursive: true });
  for (const f of set.files) await copyFile(join(set.dir, f.name), join(target, f.name));
}

/** The spec's description of a variant set: sources per format, intrinsic size. */
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
    placeholder: null,
  };
}
