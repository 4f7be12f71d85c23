#!/usr/bin/env node
// The image benchmark (part of `npm run bench`): per shared fixture image, the ≤ 400 px decode, swatch
// extraction after decode (target ≤ 50 ms), a cached swatch lookup (≈ 0), the three palette options, and
// variant generation cold and cached; then the brand stage (swatches, palettes, variants, icons) of every
// demo founder with an empty image cache (cold) and again (warm). Writes bench-results/images.{md,json}.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { paletteOptions } from '../../generator/brand/palette-options.ts';
import { chooseSeeds } from '../../generator/brand/seed-colours.ts';
import { swatchesFor, swatchesFromPixels } from '../../generator/brand/swatches.ts';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { readBundleFile } from '../../generator/dna/bundle-file.ts';
import { decodeForAnalysis } from '../../generator/media/decode.ts';
import { imageVariants, SLOT_WIDTHS } from '../../generator/media/variants.ts';
import { repoRoot } from '../../generator/paths.ts';
import { deriveBrand } from '../../generator/stages/derive-brand.ts';
import { selectTemplate } from '../../generator/stages/select-template.ts';
import { writeSections } from '../../generator/stages/write-sections.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';
import { fixtureFiles, fixturesDir } from '../../tests/helpers/fixtures.ts';
import { writeResults } from './results.ts';

const RUNS = 3;
const fixtures = fixturesDir;
const files = fixtureFiles();
const work = mkdtempSync(join(tmpdir(), 'ds-bench-images-'));
const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

// Warm up the decoders, node-vibrant and the colour code once, outside the measurements.
{
  const pixels = await decodeForAnalysis(readFileSync(join(fixtures, files[0]!)));
  await swatchesFromPixels(pixels);
}

interface ImageRow {
  file: string;
  width: number;
  height: number;
  decode_ms: number;
  extract_ms: number;
  cached_ms: number;
  palettes_ms: number;
  variants_cold_ms: number;
  variants_cached_ms: number;
  variant_files: number;
  variant_kib: number;
}

process.stderr.write(`bench images: ${files.length} fixture images, median of ${RUNS} runs each …\n`);
const images: ImageRow[] = [];
for (const file of files) {
  const bytes = readFileSync(join(fixtures, file));
  const decode: number[] = [];
  const extract: number[] = [];
  const cached: number[] = [];
  const palettes: number[] = [];
  const variantsCold: number[] = [];
  const variantsCached: number[] = [];
  let size = { width: 0, height: 0 };
  let variantFiles = 0;
  let variantBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const cache = join(work, `image-${file}-${run}`);
    const d = await timed(() => decodeForAnalysis(bytes));
    const e = await timed(() => swatchesFromPixels(d.value));
    await swatchesFor(bytes, cache, undefined, d.value);
    const c = await timed(() => swatchesFor(bytes, cache));
    const category = file.startsWith('logo') ? 'logo' : 'photo';
    const p = await timed(async () =>
      paletteOptions({
        seeds: chooseSeeds([{ asset: file, category, swatches: e.value.swatches }]),
        archetype: 'everyman',
        secondary: 'caregiver',
      }),
    );
    const v = await timed(() => imageVariants(bytes, SLOT_WIDTHS[category], cache));
    const w = await timed(() => imageVariants(bytes, SLOT_WIDTHS[category], cache));
    decode.push(d.ms);
    extract.push(e.ms);
    cached.push(c.ms);
    palettes.push(p.ms);
    variantsCold.push(v.ms);
    variantsCached.push(w.ms);
    size = { width: v.value.width, height: v.value.height };
    variantFiles = v.value.files.length;
    variantBytes = v.value.files.reduce((sum, f) => sum + f.bytes, 0);
    rmSync(cache, { recursive: true, force: true });
  }
  images.push({
    file,
    ...size,
    decode_ms: round(median(decode)),
    extract_ms: round(median(extract)),
    cached_ms: round(median(cached)),
    palettes_ms: round(median(palettes)),
    variants_cold_ms: round(median(variantsCold)),
    variants_cached_ms: round(median(variantsCached)),
    variant_files: variantFiles,
    variant_kib: Math.round(variantBytes / 1024),
  });
}

interface SiteRow {
  slug: string;
  images: number;
  cold_ms: number;
  warm_ms: number;
}

process.stderr.write(
  'bench images: the brand stage of every demo founder, cold (empty image cache) and warm …\n',
);
const catalog = await loadCatalog();
const demo = join(repoRoot, 'supabase', 'demo');
const slugs = readdirSync(demo, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'media')
  .map((d) => d.name)
  .sort();
const sites: SiteRow[] = [];
for (const slug of slugs) {
  const bundle = await readBundleFile(join(demo, slug, 'dna.json'));
  const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
  const written = await writeSections(catalog, template, bundle, createOfflineWriter());
  const cache = join(work, `site-${slug}`);
  const cold = await timed(() => deriveBrand(bundle, written, cache));
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) warm.push((await timed(() => deriveBrand(bundle, written, cache))).ms);
  sites.push({
    slug,
    images: cold.value.variantSets.length,
    cold_ms: Math.round(cold.ms),
    warm_ms: round(median(warm)),
  });
}
rmSync(work, { recursive: true, force: true });

const table = (header: string[], rows: (string | number)[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const maxExtract = Math.max(...images.map((i) => i.extract_ms));
const maxCached = Math.max(...images.map((i) => i.cached_ms));
const md = [
  '# Image benchmark',
  '',
  `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}, load average at the end ${loadavg()[0]!.toFixed(1)} (other work on the machine inflates every number).`,
  `Per image: median of ${RUNS} runs. decode = sharp to ≤ 400 px RGBA; extract = node-vibrant on those pixels;`,
  'cached = a swatch lookup that hits the cache; palettes = seeds + the three palette options (HCT tone solving);',
  'variants = WebP + AVIF at the slot widths (logo 96/192/320, photo 480/800/1200/1600) plus the blur placeholder.',
  '',
  table(
    [
      'image',
      'size',
      'decode ms',
      'extract ms',
      'cached ms',
      'palettes ms',
      'variants cold ms',
      'variants cached ms',
      'files',
      'KiB',
    ],
    images.map((i) => [
      i.file,
      `${i.width}×${i.height}`,
      i.decode_ms,
      i.extract_ms,
      i.cached_ms,
      i.palettes_ms,
      i.variants_cold_ms,
      i.variants_cached_ms,
      i.variant_files,
      i.variant_kib,
    ]),
  ),
  '',
  `Swatch extraction after decode: max ${maxExtract} ms (target ≤ 50 ms); cached: max ${maxCached} ms (target ≈ 0).`,
  '',
  '## Brand stage per demo site (swatches, palettes, variants of the images shown, icons)',
  '',
  table(
    ['founder', 'images shown', 'cold ms', 'warm ms'],
    sites.map((s) => [s.slug, s.images, s.cold_ms, s.warm_ms]),
  ),
  '',
].join('\n');
writeResults('images', md, {
  summary: { max_extract_ms: maxExtract, max_cached_ms: maxCached, targets: { extract_ms: 50 } },
  images,
  sites,
});
