import { describe, expect, it } from 'vitest';
import { sentence, title } from '../../generator/catalog/grammar.ts';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { readBundleFile } from '../../generator/dna/bundle-file.ts';
import type { DnaBundle } from '../../generator/dna/schema.ts';
import { writeSections } from '../../generator/stages/write-sections.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';
import { demoBundlePath } from '../helpers/demo.ts';

/**
 * The services section shows every service the founder listed, with its own
 * description and price: words already used elsewhere on the site (another
 * service's description, the hero's headline) never remove a service or its
 * description.
 */
const catalog = await loadCatalog();
const writer = createOfflineWriter();
const plumber = await readBundleFile(demoBundlePath('emergency-plumber'));

type Item = { name: string; description?: string; price?: string };

async function written(bundle: DnaBundle, templateId: string, page: string, type: string) {
  const site = await writeSections(catalog, catalog.templates.get(templateId)!, bundle, writer);
  return site.all.find((s) => s.page === page && s.type === type)!;
}

describe('services', () => {
  it('keeps a description that another service already has ("Quoted on site")', async () => {
    const shared = plumber.truth.services!.filter((s) => s.description === 'Quoted on site');
    expect(shared.length).toBeGreaterThanOrEqual(2);
    const section = await written(plumber, 'trades-local', '', 'services');
    expect(section.status).toBe('draft');
    const items = (section.content as { items: Item[] }).items;
    expect(items.map((i) => i.name)).toEqual(plumber.truth.services!.map((s) => s.name));
    for (const service of plumber.truth.services!) {
      const item = items.find((i) => i.name === service.name)!;
      expect(item.description, service.name).toBe(
        service.description ? sentence(service.description) : undefined,
      );
    }
  });

  it('lists a service named like the primary service, which the hero’s headline already says', async () => {
    const [first, ...rest] = plumber.truth.services!;
    const primary = plumber.truth.primary_service!;
    const bundle: DnaBundle = {
      ...plumber,
      truth: { ...plumber.truth, services: [{ ...first!, name: primary }, ...rest] },
    };
    const hero = await written(bundle, 'trades-local', '', 'hero');
    expect((hero.content as { headline: string }).headline.toLowerCase()).toContain(primary.toLowerCase());
    const section = await written(bundle, 'trades-local', '', 'services');
    const items = (section.content as { items: Item[] }).items;
    expect(items).toHaveLength(bundle.truth.services!.length);
    expect(items[0]).toEqual({
      name: primary,
      description: sentence(first!.description!),
      price: '$175 per call-out',
    });
  });

  it('without a services list, shows the primary service alone unless the hero above it on the page says it', async () => {
    const groomer = await readBundleFile(demoBundlePath('dog-groomer'));
    expect(groomer.truth.services ?? []).toEqual([]);
    const ownPage = await written(groomer, 'professional', 'services', 'services');
    expect(ownPage.status).toBe('draft');
    expect((ownPage.content as { items: Item[] }).items).toEqual([
      { name: title(groomer.truth.primary_service!) },
    ]);
    const underHero = await written(groomer, 'trades-local', '', 'services');
    expect(underHero.status).toBe('omitted');
  });
});
