import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { readBundleFile } from '../../../generator/dna/bundle-file.ts';
import type { DnaBundle } from '../../../generator/dna/schema.ts';
import { deriveBrand } from '../../../generator/stages/derive-brand.ts';
import { selectTemplate } from '../../../generator/stages/select-template.ts';
import { writeSections } from '../../../generator/stages/write-sections.ts';
import { createOfflineWriter } from '../../../generator/writers/offline.ts';
import type { WrittenSite } from '../../../generator/writers/written-site.ts';
import { archetypePalettes } from '../../../themes/palettes.ts';
import { demoBundlePath } from '../../helpers/demo.ts';

/** The brand stage on the bakery's bundle (a logo and one described photo), with media swapped per test. */
const work = mkdtempSync(join(tmpdir(), 'dreamseed-derive-brand-'));
let bundle: DnaBundle;
let written: WrittenSite;

beforeAll(async () => {
  bundle = await readBundleFile(demoBundlePath('bakery'));
  const catalog = await loadCatalog();
  const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
  written = await writeSections(catalog, template, bundle, createOfflineWriter());
});

const withMedia = (media: DnaBundle['media']): DnaBundle => ({ ...bundle, media });

describe('deriveBrand', () => {
  it('takes the palette from the logo, and a rebuild reuses every cached variant and icon', async () => {
    const cache = join(work, 'warm');
    const first = await deriveBrand(bundle, written, cache);
    expect(first.paletteSource).toBe('asset:bundle-0');
    expect(first.palette.primary).toBe(first.paletteOptions[0]!.roles.primary);
    expect(first.variantSets.length).toBe(2);
    // The pages know each image before its files exist; the files arrive with `ready`.
    expect(first.variantSets.every((s) => !s.cached)).toBe(true);
    const encoded = await Promise.all(first.variantSets.map((s) => s.ready));
    expect(encoded.map((s) => s.files.length)).toEqual(first.variantSets.map((s) => s.widths.length * 2));
    const again = await deriveBrand(bundle, written, cache);
    expect(again.variantSets.every((s) => s.cached)).toBe(true);
    expect(again.images).toEqual(first.images);
    expect(again.palette).toEqual(first.palette);
    expect(again.favicon.path).toBe(first.favicon.path);
    expect(await again.favicon.ready).toEqual(await first.favicon.ready);
  });

  it('without media: the archetype palette as is, and a monogram favicon', async () => {
    const brand = await deriveBrand(withMedia([]), written, join(work, 'none'));
    expect(brand.palette).toBe(archetypePalettes.everyman);
    expect(brand.paletteSource).toBe('archetype:everyman');
    expect(brand.favicon.path).toBe('/favicon.svg');
    expect((await brand.favicon.ready).files.map((f) => f.name).sort()).toEqual([
      'apple-touch-icon.png',
      'favicon.ico',
      'favicon.svg',
    ]);
  });

  it('a damaged photo the site does not show leaves the build alone; a damaged logo is named', async () => {
    const broken = join(work, 'broken.jpg');
    writeFileSync(broken, Buffer.from('not really a jpeg'));
    const extra = { asset_category: 'photo' as const, path: broken, asset_name: 'Old scan' };
    const brand = await deriveBrand(withMedia([...bundle.media, extra]), written, join(work, 'extra'));
    expect(brand.paletteSource).toBe('asset:bundle-0');
    const logo = { ...bundle.media[0]!, path: broken, asset_name: 'Shop sign' };
    const error = await deriveBrand(
      withMedia([logo, ...bundle.media.slice(1)]),
      written,
      join(work, 'bad'),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MEDIA_UNREADABLE', kind: 'input' });
    expect((error as Error).message).toMatch(
      /The logo "Shop sign" \(.*broken\.jpg\) cannot be used as an image/,
    );
  });
});
