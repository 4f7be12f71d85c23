import { describe, expect, it } from 'vitest';
import { sentence } from '../../generator/catalog/grammar.ts';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { readBundleFile } from '../../generator/dna/bundle-file.ts';
import { selectTemplate } from '../../generator/stages/select-template.ts';
import { writeSections } from '../../generator/stages/write-sections.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';
import { demoBundlePath } from '../helpers/demo.ts';

/**
 * The price list keeps each priced service's description, although the home
 * page's services section shows the same words: a fact on another page is not
 * a repetition to remove.
 */
const catalog = await loadCatalog();
const writer = createOfflineWriter();

type Item = { name: string; description?: string };

describe.each(['wedding-photographer', 'yoga-studio'])('pricing for %s', (slug) => {
  it('shows every priced service’s description, as the home page’s services do', async () => {
    const bundle = await readBundleFile(demoBundlePath(slug));
    const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
    const site = await writeSections(catalog, template, bundle, writer);
    const find = (page: string, type: string) => site.all.find((s) => s.page === page && s.type === type)!;
    const home = find('', 'services');
    const pricing = find('pricing', 'pricing');
    expect(home.status).toBe('draft');
    expect(pricing.status).toBe('draft');
    const homeItems = (home.content as { items: Item[] }).items;
    const priceItems = (pricing.content as { items: Item[] }).items;
    const described = bundle.truth.services!.filter((s) => typeof s.price === 'number' && s.description);
    expect(described.length).toBeGreaterThan(0);
    for (const service of described) {
      const expected = sentence(service.description!);
      // The same words on the home page, and on the price list.
      expect(homeItems.find((i) => i.name === service.name)?.description, service.name).toBe(expected);
      expect(priceItems.find((i) => i.name === service.name)?.description, service.name).toBe(expected);
    }
  });
});
