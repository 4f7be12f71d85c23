import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { contrastPairs } from '../../../generator/brand/contrast-pairs.ts';
import { type GenerateSummary, generateSite } from '../../../generator/pipeline.ts';
import { demoBundlePath } from '../../helpers/demo.ts';
import { htmlFiles, pageFacts, resolves } from '../../helpers/html.ts';
import { fixturesDir } from '../files/hostile-uploads.ts';

/**
 * A whole site built from a DNA bundle whose media are shared fixtures: a logo,
 * three described photos (one with GPS and EXIF rotation: a portrait photo, so
 * the gallery shows it, not the wide hero) and one photo without a description
 * (the hero already has a described photo, and a gallery needs a description:
 * it is not shipped). Checks what reaches the published folder.
 */
const home = mkdtempSync(join(tmpdir(), 'dreamseed-site-images-'));
const outDir = join(home, 'site');
let summary: GenerateSummary;

const media = [
  {
    file: 'logo-gimp.png',
    asset_category: 'logo',
    description: 'A cartoon coyote holding a paintbrush in its mouth',
    is_primary: true,
  },
  {
    file: 'photo-gps-rotated.jpg',
    asset_category: 'photo',
    description: 'Two spaniels looking over a wooden fence',
    is_primary: true,
  },
  {
    file: 'photo-yellow-flower.jpg',
    asset_category: 'photo',
    description: 'A yellow flower against a dark background',
    sort_order: 1,
  },
  { file: 'photo-purple-pink-sea.jpg', asset_category: 'photo', sort_order: 2 },
  {
    file: 'photo-green-meadow.jpg',
    asset_category: 'photo',
    description: 'Dense green grass, the background out of focus',
    sort_order: 3,
  },
];

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  const bundle = JSON.parse(readFileSync(demoBundlePath('bakery'), 'utf8')) as Record<string, unknown>;
  bundle.media_assets = media.map((m) => ({ ...m, file: relative(home, join(fixturesDir, m.file)) }));
  const file = join(home, 'dna.json');
  writeFileSync(file, JSON.stringify(bundle));
  summary = await generateSite({ source: { kind: 'dna', file }, outDir });
});

const imageFiles = () => readdirSync(join(outDir, '_img'));
const hash16 = (name: string) =>
  createHash('sha256')
    .update(readFileSync(join(fixturesDir, name)))
    .digest('hex')
    .slice(0, 16);

describe('a site built with a fixture logo and photos', () => {
  it('reports the palette: the logo as source, swatches, roles and every pair passing', () => {
    const palette = summary.palette;
    expect(palette.source).toMatchObject({ kind: 'asset', asset: 'bundle-0', category: 'logo' });
    expect(palette.swatches.filter((s) => s.asset === 'bundle-0').length).toBeGreaterThanOrEqual(3);
    expect(palette.contrast).toHaveLength(contrastPairs.length);
    for (const pair of palette.contrast) {
      expect(pair.ratio, `${pair.fg} on ${pair.bg}`).toBeGreaterThanOrEqual(pair.required);
      expect(pair.fg_hex).toBe(palette.roles[pair.fg]);
    }
    expect(palette.contrast.filter((p) => p.kind === 'text').map((p) => `${p.fg}/${p.bg}`)).toEqual(
      expect.arrayContaining(['text/bg', 'text/surface', 'muted/bg', 'link/bg', 'onPrimary/primary']),
    );
    expect(palette.options.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(palette.selected).toBe(0);
  });

  it('gives every img width, height and alt, and no inline style', () => {
    for (const file of htmlFiles(outDir)) {
      const html = readFileSync(join(outDir, file), 'utf8');
      expect(html, file).not.toMatch(/\sstyle=/);
      for (const { attrs, inMain } of pageFacts(join(outDir, file)).imgs) {
        expect(Number(attrs.width), `${file} width`).toBeGreaterThan(0);
        expect(Number(attrs.height), `${file} height`).toBeGreaterThan(0);
        expect(attrs.alt, `${file} alt`).toBeDefined();
        if (inMain) expect(attrs.alt!.length, `${file} content alt`).toBeGreaterThan(0);
        expect(attrs.alt).not.toMatch(/^(image|picture|photo) of/i);
      }
    }
  });

  it('loads only the largest image above the fold eagerly, at high priority', () => {
    const imgs = pageFacts(join(outDir, 'index.html')).imgs.map((i) => i.attrs);
    const eager = imgs.filter((i) => i.loading === 'eager');
    expect(eager).toHaveLength(1);
    expect(eager[0]!.fetchpriority).toBe('high');
    // The hero is a wide band: the first described landscape photo, not the primary portrait one.
    expect(eager[0]!.alt).toBe('A yellow flower against a dark background');
    expect([eager[0]!.width, eager[0]!.height]).toEqual(['1600', '1000']);
    // The portrait photo is in the gallery, upright.
    const spaniels = imgs.find((i) => i.alt === 'Two spaniels looking over a wooden fence')!;
    expect(Number(spaniels.height)).toBeGreaterThan(Number(spaniels.width));
    for (const img of imgs.filter((i) => i !== eager[0])) {
      expect(img.loading).toBe('lazy');
      expect(img.fetchpriority).toBeUndefined();
    }
  });

  it('ships WebP and AVIF variants for each shown image and nothing of the undescribed one', () => {
    const files = imageFiles();
    for (const name of [
      'logo-gimp.png',
      'photo-gps-rotated.jpg',
      'photo-yellow-flower.jpg',
      'photo-green-meadow.jpg',
    ]) {
      const mine = files.filter((f) => f.startsWith(hash16(name)));
      expect(
        mine.some((f) => f.endsWith('.webp')),
        name,
      ).toBe(true);
      expect(
        mine.some((f) => f.endsWith('.avif')),
        name,
      ).toBe(true);
    }
    expect(files.filter((f) => f.startsWith(hash16('photo-purple-pink-sea.jpg')))).toEqual([]);
    for (const file of htmlFiles(outDir)) {
      for (const href of pageFacts(join(outDir, file)).links)
        expect(resolves(outDir, href), `${file}: ${href}`).toBe(true);
    }
  });

  it('paints blur placeholders from hashed <style> blocks the CSP allows', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const classes = [...html.matchAll(/<img[^>]*class="(ph-[0-9a-f]{12})"/g)].map((m) => m[1]!);
    expect(classes.length).toBeGreaterThan(0);
    const headers = readFileSync(join(outDir, '_headers'), 'utf8');
    for (const cls of classes) {
      const block = new RegExp(
        `<style>(img\\.${cls}\\{background:url\\("data:image/webp;base64,[^"]+"\\)[^<]*)</style>`,
      ).exec(html);
      expect(block, cls).not.toBeNull();
      const hash = createHash('sha256').update(block![1]!).digest('base64');
      expect(headers).toContain(`'sha256-${hash}'`);
    }
    // The transparent logo has no placeholder.
    expect(html).not.toMatch(new RegExp(`class="ph-[^"]*"[^>]*src="/_img/${hash16('logo-gimp.png')}`));
  });

  it('makes the logo the favicon and touch icon', async () => {
    for (const f of ['favicon.png', 'favicon.ico', 'apple-touch-icon.png'])
      expect(existsSync(join(outDir, f)), f).toBe(true);
    expect(pageFacts(join(outDir, 'index.html')).links).toContain('/favicon.png');
    const touch = await sharp(join(outDir, 'apple-touch-icon.png')).metadata();
    expect([touch.width, touch.height]).toEqual([180, 180]);
  });

  it('publishes no EXIF, GPS or other metadata in any image', async () => {
    const published = [
      ...imageFiles().map((f) => join(outDir, '_img', f)),
      join(outDir, 'favicon.png'),
      join(outDir, 'apple-touch-icon.png'),
    ];
    for (const file of published) {
      const meta = await sharp(file).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(meta.xmp, file).toBeUndefined();
      expect(meta.iptc, file).toBeUndefined();
      expect(readFileSync(file).includes('Canon')).toBe(false);
    }
  });
});
