import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { logoFavicon, monogramFavicon } from '../../../generator/media/favicon.ts';
import {
  describeVariants,
  imageVariants,
  planVariants,
  SLOT_WIDTHS,
  type VariantSet,
} from '../../../generator/media/variants.ts';
import { archetypePalettes } from '../../../themes/palettes.ts';
import { fixture } from '../files/hostile-uploads.ts';

const cache = mkdtempSync(join(tmpdir(), 'dreamseed-variants-'));

describe('imageVariants', () => {
  it('encodes WebP and AVIF at the slot widths below the image width, upright and without metadata', async () => {
    const set = await imageVariants(fixture('photo-gps-rotated.jpg'), SLOT_WIDTHS.photo, cache);
    expect(set.cached).toBe(false);
    expect([set.width, set.height]).toEqual([1065, 1600]);
    const widths = [...new Set(set.files.map((f) => f.width))];
    expect(widths).toEqual([480, 800, 1065]);
    for (const w of widths) {
      expect(
        set.files
          .filter((f) => f.width === w)
          .map((f) => f.format)
          .sort(),
      ).toEqual(['avif', 'webp']);
    }
    for (const f of set.files) {
      const meta = await sharp(join(set.dir, f.name)).metadata();
      expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(f.format);
      expect([meta.width, meta.height]).toEqual([f.width, f.height]);
      expect(f.height).toBeGreaterThan(f.width);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
    }
  });

  it('gives an opaque photo a tiny blur placeholder and a transparent logo none', async () => {
    const photo = await imageVariants(fixture('photo-warm-orange-flower.jpg'), SLOT_WIDTHS.photo, cache);
    expect(photo.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/=]+$/);
    expect(photo.placeholder!.length).toBeLessThan(600);
    const tiny = await sharp(Buffer.from(photo.placeholder!.split(',')[1]!, 'base64')).metadata();
    expect(Math.max(tiny.width!, tiny.height!)).toBeLessThanOrEqual(16);
    const logo = await imageVariants(fixture('logo-debian.png'), SLOT_WIDTHS.logo, cache);
    expect(logo.hasAlpha).toBe(true);
    expect(logo.placeholder).toBeNull();
    const opaquePng = await sharp(fixture('photo-green-meadow.jpg')).ensureAlpha().png().toBuffer();
    expect((await imageVariants(opaquePng, SLOT_WIDTHS.photo, cache)).placeholder).not.toBeNull();
  });

  it("encodes a photo's AVIF colour at half resolution (4:2:0) and a logo's at full (4:4:4)", async () => {
    // The AV1 configuration box (av1C) of each file: its third byte holds chroma_subsampling_x and _y.
    const subsampling = (file: Buffer) => {
      const at = file.indexOf('av1C');
      expect(at, 'av1C box').toBeGreaterThan(0);
      const bits = file[at + 4 + 2]!;
      return `${(bits >> 3) & 1}${(bits >> 2) & 1}`;
    };
    const avifs = async (set: { dir: string; files: { format: string; name: string }[] }) =>
      Promise.all(set.files.filter((f) => f.format === 'avif').map((f) => readFile(join(set.dir, f.name))));
    const photo = await imageVariants(fixture('photo-warm-orange-flower.jpg'), SLOT_WIDTHS.photo, cache);
    const logo = await imageVariants(fixture('logo-debian.png'), SLOT_WIDTHS.logo, cache);
    const [photoFiles, logoFiles] = [await avifs(photo), await avifs(logo)];
    expect(photoFiles).toHaveLength(SLOT_WIDTHS.photo.length);
    expect(logoFiles.length).toBeGreaterThan(1);
    expect(photoFiles.map(subsampling)).toEqual(photoFiles.map(() => '11'));
    expect(logoFiles.map(subsampling)).toEqual(logoFiles.map(() => '00'));
    // A logo without transparency keeps its full colour resolution when it is planned as a logo.
    const opaqueLogo = await sharp(fixture('logo-debian.png'))
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
    const asLogo = await (await planVariants(opaqueLogo, SLOT_WIDTHS.logo, cache, { flat: true })).ready;
    const asPhoto = await (await planVariants(opaqueLogo, SLOT_WIDTHS.logo, cache)).ready;
    expect((await avifs(asLogo)).map(subsampling)).toEqual(
      asLogo.files.filter((f) => f.format === 'avif').map(() => '00'),
    );
    expect((await avifs(asPhoto)).map(subsampling)).toEqual(
      asPhoto.files.filter((f) => f.format === 'avif').map(() => '11'),
    );
  });

  it('costs nothing for an unchanged image: the cached set is returned and no file is rewritten', async () => {
    const first = await imageVariants(fixture('photo-warm-orange-flower.jpg'), SLOT_WIDTHS.photo, cache);
    const mtimes = readdirSync(first.dir).map((f) => statSync(join(first.dir, f)).mtimeMs);
    const again = await imageVariants(fixture('photo-warm-orange-flower.jpg'), SLOT_WIDTHS.photo, cache);
    expect(again.cached).toBe(true);
    expect(again.files).toEqual(first.files);
    expect(readdirSync(first.dir).map((f) => statSync(join(first.dir, f)).mtimeMs)).toEqual(mtimes);
  });

  it('describes a set for the spec: sources per format, intrinsic size, placeholder', async () => {
    const set = await planVariants(fixture('photo-warm-orange-flower.jpg'), SLOT_WIDTHS.photo, cache);
    const image = describeVariants(set);
    expect(image.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(image.sources[1]!.srcset).toMatch(/^\/_img\/[0-9a-f]{16}-480\.webp 480w, .* 1600w$/);
    expect(image).toMatchObject({ width: 1600, height: 1203, placeholder: set.placeholder });
  });

  it('plans a set before encoding it: names, sizes and placeholder at once, the files when `ready` settles', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'dreamseed-variants-plan-'));
    let start = () => {};
    const after = new Promise<void>((resolve) => {
      start = resolve;
    });
    for (const name of [
      'photo-gps-rotated.jpg',
      'photo-grey-moon.jpg',
      'photo-deep-blue-storm.jpg',
      'logo-vlc.png',
    ]) {
      const widths = name.startsWith('logo') ? SLOT_WIDTHS.logo : SLOT_WIDTHS.photo;
      const plan = await planVariants(fixture(name), widths, fresh, { after });
      expect(plan.cached).toBe(false);
      expect(existsSync(plan.dir), `${name}: nothing is written before the encodes start`).toBe(false);
      start();
      const set = await plan.ready;
      // The files are the plan's: one per width and format, named as the pages name them.
      expect(set.files.map((f) => `${f.format}:${f.width}`).sort()).toEqual(
        plan.widths.flatMap((w) => [`avif:${w}`, `webp:${w}`]).sort(),
      );
      expect(readdirSync(set.dir).sort()).toEqual([...set.files.map((f) => f.name), 'variants.json'].sort());
      // The pages give the image's aspect ratio at the largest width; the encoder may round the file's
      // height the other way by a pixel.
      const largest = set.files.find((f) => f.format === 'webp' && f.width === plan.width)!;
      expect(Math.abs(largest.height - plan.height), name).toBeLessThanOrEqual(1);
      // A warm build describes the image exactly as the cold one did.
      const again = await planVariants(fixture(name), widths, fresh);
      expect(again.cached).toBe(true);
      expect(describeVariants(again)).toEqual(describeVariants(plan));
    }
  });

  it('encodes on one core but one beside other work, and on every core while a build waits for its images', async () => {
    // A fresh copy of the module, with a thread pool large enough that the cores alone set the limit.
    vi.resetModules();
    const pool = process.env.UV_THREADPOOL_SIZE;
    process.env.UV_THREADPOOL_SIZE = '64';
    const v = await import('../../../generator/media/variants.ts');
    if (pool === undefined) delete process.env.UV_THREADPOOL_SIZE;
    else process.env.UV_THREADPOOL_SIZE = pool;
    const [beside, alone] = [Math.max(1, availableParallelism() - 1), availableParallelism()];
    expect(v.encodeConcurrency()).toBe(beside);
    const plans = await Promise.all(
      ['photo-gps-rotated.jpg', 'logo-debian.png'].map((name) =>
        v.planVariants(fixture(name), [48, 96], cache),
      ),
    );
    const encoded = Promise.withResolvers<VariantSet>();
    const site = mkdtempSync(join(tmpdir(), 'dreamseed-copy-'));
    const copying = v.copyVariants([plans[0]!, { ready: encoded.promise }], site);
    expect(v.encodeConcurrency()).toBe(alone);
    encoded.resolve(await plans[1]!.ready);
    await copying;
    expect(v.encodeConcurrency()).toBe(beside);
    const files = [...(await plans[0]!.ready).files, ...(await plans[1]!.ready).files].map((f) => f.name);
    expect(readdirSync(join(site, '_img')).sort()).toEqual(files.sort());
    // A set that failed to encode fails the copy, and leaves the limit as it was.
    await expect(v.copyVariants([{ ready: Promise.reject(new Error('broken')) }], site)).rejects.toThrow(
      'broken',
    );
    expect(v.encodeConcurrency()).toBe(beside);
  });

  it('refuses an image that declares more pixels than allowed', async () => {
    const { pixelBomb } = await import('../files/hostile-uploads.ts');
    await expect(imageVariants(pixelBomb(), SLOT_WIDTHS.photo, cache)).rejects.toThrow(/pixel limit/);
  });
});

/** Reads an ICO directory: [size, png bytes] per image. */
function readIco(ico: Buffer): { size: number; png: Buffer }[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16;
    const size = ico[entry] || 256;
    return {
      size,
      png: ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      ),
    };
  });
}

describe('site icons', () => {
  it('from a logo: favicon.png, a 16/32/48 favicon.ico and an opaque 180 px touch icon', async () => {
    const icon = await logoFavicon(fixture('logo-vlc.png'), archetypePalettes.hero);
    expect(icon.path).toBe('/favicon.png');
    const files = Object.fromEntries(icon.files.map((f) => [f.name, f.data as Buffer]));
    expect(Object.keys(files).sort()).toEqual(['apple-touch-icon.png', 'favicon.ico', 'favicon.png']);
    const entries = readIco(files['favicon.ico']!);
    expect(entries.map((e) => e.size)).toEqual([16, 32, 48]);
    for (const e of entries) {
      const meta = await sharp(e.png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', e.size, e.size]);
    }
    const touch = await sharp(files['apple-touch-icon.png']!).metadata();
    expect([touch.width, touch.height, touch.hasAlpha]).toEqual([180, 180, false]);
  });

  it('without a logo: the initial in the brand colour, as SVG, ICO and touch icon', async () => {
    const icon = await monogramFavicon("Dale's 24/7 Plumbing", archetypePalettes.hero);
    expect(icon.path).toBe('/favicon.svg');
    const svg = icon.files.find((f) => f.name === 'favicon.svg')!.data as string;
    expect(svg).toContain('>D</text>');
    expect(svg).toContain(archetypePalettes.hero.primary);
    expect(readIco(icon.files.find((f) => f.name === 'favicon.ico')!.data as Buffer)).toHaveLength(3);
  });
});
