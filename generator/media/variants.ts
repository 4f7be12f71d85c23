import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
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
 *
 * In two steps, so a build need not wait for the encoder: `planVariants` reads
 * the header and works out everything a page says about the image (file names,
 * intrinsic size, placeholder) in milliseconds, and starts the encodes; its
 * `ready` settles when the files are in the cache. The pages render while the
 * encoder runs, and the build awaits `ready` only to copy the files.
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
  /** Upright intrinsic size of the largest variant, as the pages give it (the plan's, below). */
  width: number;
  height: number;
  hasAlpha: boolean;
  files: VariantFile[];
  /** `data:image/webp;base64,…` for opaque images; null for images with transparency (logos). */
  placeholder: string | null;
}

/** What the pages need to know of a variant set before its files exist, and the files when they do. */
export interface VariantPlan extends Omit<VariantSet, 'files'> {
  /** The variant widths, ascending (each in AVIF and WebP). */
  widths: number[];
  /** Whether the files were in the cache already (nothing to encode). */
  cached: boolean;
  /** The set with its files, once they are encoded and in the cache. Awaiting it rethrows an encoding error. */
  ready: Promise<VariantSet>;
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

const CACHE_VERSION = 4;
/**
 * AVIF at effort 0. A photo (an opaque image that is not a logo) is encoded with its colour at half
 * resolution (4:2:0), as JPEG and WebP store photos: on the nine fixture photos 10–35% less CPU per set
 * and 0.5–9% fewer bytes, for 0.02–0.9 dB lower RGB PSNR (the luma, which the eye resolves, is
 * untouched). A logo (flat colour, sharp edges) or any image with transparency keeps full colour
 * resolution (4:4:4).
 */
const AVIF = { quality: 50, effort: 0 } as const;
const AVIF_OPAQUE = { ...AVIF, chromaSubsampling: '4:2:0' } as const;
const WEBP = { quality: 74, effort: 2 } as const;

/** The variant set with its files encoded: a plan, awaited. */
export async function imageVariants(
  input: string | Buffer,
  widths: readonly number[],
  cacheDir: string,
): Promise<VariantSet & { cached: boolean }> {
  const plan = await planVariants(input, widths, cacheDir);
  return { ...(await plan.ready), cached: plan.cached };
}

export async function planVariants(
  input: string | Buffer,
  slotWidths: readonly number[],
  cacheDir: string,
  options: {
    /** Encoding starts when this settles (default: at once): a caller planning several images plans them all first. */
    after?: Promise<unknown>;
    /** A logo: flat colour and sharp edges, whose AVIF keeps full colour resolution even when it is opaque. */
    flat?: boolean;
  } = {},
): Promise<VariantPlan> {
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const hash = sha256(bytes).slice(0, 16);
  const key = `${hash}-${slotWidths.join('_')}${options.flat ? '-flat' : ''}-v${CACHE_VERSION}`;
  const dir = join(cacheDir, key);
  const manifest = join(dir, 'variants.json');
  if (existsSync(manifest)) {
    const set: VariantSet = { ...(JSON.parse(await readFile(manifest, 'utf8')) as VariantSet), dir };
    const widths = set.files.filter((f) => f.format === 'webp').map((f) => f.width);
    const { files: _files, ...known } = set;
    return { ...known, widths, cached: true, ready: Promise.resolve(set) };
  }

  const opened = await openImage(bytes);
  const { image: base, width, height } = opened;
  const hasAlpha = opened.hasAlpha && !(await base.clone().stats()).isOpaque;
  const widths = [
    ...new Set(slotWidths.filter((w) => w < width).concat(Math.min(width, slotWidths.at(-1)!))),
  ].sort((a, b) => a - b);
  const largest = widths.at(-1)!;
  const known: Omit<VariantSet, 'files'> = {
    hash,
    dir,
    width: largest,
    // A width-only resize keeps the aspect ratio. sharp's shrink-on-load may round the file's height the
    // other way by a pixel; the pages give the image's own ratio (tested to ±1 px).
    height: largest === width ? height : Math.max(1, Math.round((height * largest) / width)),
    hasAlpha,
    placeholder: hasAlpha ? null : await blurPlaceholder(base),
  };
  const ready = (options.after ?? Promise.resolve()).then(() =>
    encodeVariants(base, { width, height, flat: Boolean(options.flat) }, widths, known),
  );
  // Settled by whoever awaits it; until then a failure is not an unhandled rejection.
  ready.catch(() => {});
  return { ...known, widths, cached: false, ready };
}

async function encodeVariants(
  base: Sharp,
  source: { width: number; height: number; flat: boolean },
  widths: number[],
  known: Omit<VariantSet, 'files'>,
): Promise<VariantSet> {
  const { hash, dir } = known;
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await mkdir(tmp, { recursive: true });
  try {
    // The file is decoded once into sRGB pixels that every variant resizes from, in the set's first encode
    // (so a set's pixels are held only while its encodes run). Decoding it for each variant cost ~65 ms of
    // CPU for a 2 MP photo's eight variants against ~15 ms once. The pixels are the file's own when it is at
    // most twice the largest width and 8 MP (each variant then resamples the file once, as before), else the
    // largest variant's (within 0.1–0.8% of bytes and 40–50 dB PSNR of resampling the file).
    const largest = widths.at(-1)!;
    const own = source.width <= 2 * largest && source.width * source.height <= 8e6;
    let pixels: Promise<{ data: Buffer; info: OutputInfo }> | undefined;
    const decoded = async () => {
      pixels ??= (own ? base.clone() : base.clone().resize({ width: largest, withoutEnlargement: true }))
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const { data, info } = await pixels;
      const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
      return { image, width: info.width };
    };
    // WebP effort 2 and AVIF effort 0 cost a fraction of the time of higher efforts for bytes within ~5%
    // (bench-results/). The encodes of every image share the process's limit (encodeLimit), the largest
    // first: a build waits for the last encode to end, and a large one left last ran alone, a core idle
    // beside it (the files are listed smallest first all the same).
    const jobs = [...widths].reverse().flatMap((w) => {
      const resized = async () => {
        const { image, width } = await decoded();
        return w === width ? image : image.resize({ width: w });
      };
      const avif = known.hasAlpha || source.flat ? AVIF : AVIF_OPAQUE;
      return [
        async () => encode((await resized()).avif(avif), 'avif'),
        async () => encode((await resized()).webp(WEBP), 'webp'),
      ];
    });
    // One failed encode fails the set: its encodes still queued are skipped, not run for nothing.
    let failed = false;
    const encoded = await Promise.all(
      jobs.map((job) =>
        encodeLimit(() => {
          if (failed) throw new Error('skipped: another encode of this image failed');
          return job().catch((error: unknown) => {
            failed = true;
            throw error;
          });
        }),
      ),
    );
    const files: VariantFile[] = [];
    const order = (e: (typeof encoded)[number]) => e.out.info.width * 2 + (e.format === 'avif' ? 0 : 1);
    for (const { format, out } of [...encoded].sort((a, b) => order(a) - order(b))) {
      const name = variantName(hash, out.info.width, format);
      await writeFile(join(tmp, name), out.data);
      files.push({ format, width: out.info.width, height: out.info.height, name, bytes: out.data.length });
    }
    const set: VariantSet = { ...known, files };
    await writeFile(join(tmp, 'variants.json'), JSON.stringify(set));
    await rename(tmp, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished the same set first: theirs is identical.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(tmp, { recursive: true, force: true });
    });
    return set;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

function encode(pipeline: Sharp, format: 'avif' | 'webp') {
  return pipeline.toBuffer({ resolveWithObject: true }).then((out) => ({ format, out }));
}

/**
 * How many encodes run at once in this process, across all its images. While other work runs (the stages
 * before the build, the pages rendering in this process's main thread), one per core but one: with every
 * core encoding, the render waited for them (a cold `generate` on a 2-core machine took 90–190 ms longer,
 * averages of three series of alternating runs). While this process has nothing left to do but wait for
 * its images and for pages rendering in another process (`whileWaiting`), or for its images alone
 * (copyVariants), every core: the images are then what a cold `generate` waits for last (30 alternating
 * pairs on the 2-core machine: median wall 1,577 → 1,481 ms). sharp encodes on libuv's thread pool, which
 * file reads and the swatches' decodes share: one of its threads (4 unless UV_THREADPOOL_SIZE says
 * otherwise) is always left to them, or on a machine with many cores the palette would wait for every
 * encode. Each encoder also holds its own buffers.
 */
const threadPool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
const cores = availableParallelism();
const encodesAtOnce = (n: number) => Math.max(1, Math.min(n, threadPool - 1));
const encodeLimit = pLimit(encodesAtOnce(cores - 1));
/** Builds waiting for nothing but their images. */
let waitingOnEncodes = 0;

/**
 * Runs `wait` with every core encoding meanwhile: `wait` awaits encodes, or work in another process, and
 * nothing in this one.
 */
export async function whileWaiting<T>(wait: () => Promise<T>): Promise<T> {
  encodeLimit.concurrency = encodesAtOnce(cores);
  waitingOnEncodes++;
  try {
    return await wait();
  } finally {
    if (--waitingOnEncodes === 0) encodeLimit.concurrency = encodesAtOnce(cores - 1);
  }
}

/** How many encodes may run at once now (tests check the limit follows the build). */
export const encodeConcurrency = () => encodeLimit.concurrency;

const variantName = (hash: string, width: number, format: 'avif' | 'webp') => `${hash}-${width}.${format}`;

/**
 * Copies the variant sets' files into the site under `/_img/`, once they are encoded. The pages are rendered
 * by now, so the build waits for these files alone: every core encodes meanwhile. One set that failed to
 * encode fails the copy (with its error).
 */
export async function copyVariants(
  plans: readonly Pick<VariantPlan, 'ready'>[],
  outDir: string,
): Promise<void> {
  if (!plans.length) return;
  const sets = await whileWaiting(() => Promise.all(plans.map((p) => p.ready)));
  const target = join(outDir, '_img');
  await mkdir(target, { recursive: true });
  for (const set of sets)
    for (const f of set.files) await copyFile(join(set.dir, f.name), join(target, f.name));
}

/** The spec's description of a variant set: sources per format, intrinsic size, placeholder. */
export function describeVariants(
  plan: Pick<VariantPlan, 'hash' | 'widths' | 'width' | 'height' | 'placeholder'>,
): SpecImage {
  const srcset = (format: 'avif' | 'webp') =>
    plan.widths.map((w) => `/_img/${variantName(plan.hash, w, format)} ${w}w`).join(', ');
  return {
    src: `/_img/${variantName(plan.hash, plan.widths.at(-1)!, 'webp')}`,
    width: plan.width,
    height: plan.height,
    sources: [
      { type: 'image/avif', srcset: srcset('avif') },
      { type: 'image/webp', srcset: srcset('webp') },
    ],
    placeholder: plan.placeholder,
  };
}
