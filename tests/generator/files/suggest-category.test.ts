import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectUpload } from '../../../generator/files/inspect.ts';
import { suggestCategory } from '../../../generator/files/suggest-category.ts';
import { fixturesDir } from './hostile-uploads.ts';

/**
 * The category `files add` suggests when none is given, for every shared
 * fixture (MANIFEST.tsv says what each one is), from the pixels the upload
 * check decoded: real files, real sharp.
 */
const manifest = readFileSync(join(fixturesDir, 'MANIFEST.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([file, kind]) => [file!, kind!] as const);

async function suggestFor(name: string, bytes: Buffer) {
  const inspected = await inspectUpload({ name, bytes });
  if (!inspected.ok) throw new Error(inspected.refusal.reason);
  const f = inspected.file;
  return suggestCategory({ pixels: f.pixels, width: f.uprightWidth, height: f.uprightHeight });
}

describe('suggestCategory', () => {
  it('covers every fixture of the manifest', () => {
    expect(manifest.length).toBe(13);
    expect(new Set(manifest.map(([, kind]) => kind))).toEqual(new Set(['logo', 'photo']));
  });

  it.each(manifest)('%s is suggested as a %s, with the reasons', async (file, kind) => {
    const s = await suggestFor(file, readFileSync(join(fixturesDir, file)));
    expect(s.category).toBe(kind);
    expect(s.reasons.length).toBeGreaterThanOrEqual(2);
    if (kind === 'logo') {
      expect(s.reasons[0]).toMatch(/^transparent background \(\d+% of pixels clear\)$/);
      expect(s.measured.transparent_share).toBeGreaterThan(0.05);
    } else {
      expect(s.reasons).toContain('no transparent background');
      expect(s.reasons.some((r) => /^large \(\d+×\d+ px\)$/.test(r))).toBe(true);
      expect(s.measured.transparent_share).toBe(0);
    }
  });

  it('reads the shape upright: the rotated portrait photo is portrait', async () => {
    const s = await suggestFor(
      'photo-gps-rotated.jpg',
      readFileSync(join(fixturesDir, 'photo-gps-rotated.jpg')),
    );
    expect(s.measured).toMatchObject({ width: 1065, height: 1600 });
    expect(s.reasons).toContain("a photo's shape (portrait)");
  });

  it('an opaque logo in a few flat colours is a logo; a large many-coloured picture is a photo', async () => {
    const flat = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#1d5b92' } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><rect x="60" y="60" width="180" height="180" fill="#f6c000" shape-rendering="crispEdges"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    const logo = await suggestFor('mark.png', flat);
    expect(logo.category).toBe('logo');
    expect(logo.reasons).toEqual(['few colours (2)', 'small (300×300 px)', 'square']);

    // A smooth, many-coloured picture (as a photo is), with nothing transparent.
    const noise = Buffer.alloc(1600 * 1200 * 3);
    for (let y = 0; y < 1200; y++)
      for (let x = 0; x < 1600; x++)
        noise.set([(x >> 2) & 255, (y >> 2) & 255, ((x * y) >> 9) & 255], (y * 1600 + x) * 3);
    const photo = await suggestFor(
      'noise.png',
      await sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } })
        .png()
        .toBuffer(),
    );
    expect(photo.category).toBe('photo');
    expect(photo.reasons[0]).toMatch(/^many colours \(\d+\)$/);
  });
});
