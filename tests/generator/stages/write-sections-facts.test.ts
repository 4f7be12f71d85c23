import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import type { DnaBundle, FactField } from '../../../generator/dna/schema.ts';
import { selectTemplate } from '../../../generator/stages/select-template.ts';
import { writeSections } from '../../../generator/stages/write-sections.ts';
import { plainWords } from '../../../generator/words.ts';
import { createOfflineWriter } from '../../../generator/writers/offline.ts';
import type { WrittenSite } from '../../../generator/writers/written-site.ts';
import { demoBundles, stringsOf } from '../../helpers/demo.ts';

/**
 * What the write-sections stage guarantees across a whole site, for every demo
 * founder under every template: no fact stated twice on one page, and no
 * founder fact dropped because the same words stand elsewhere.
 */
const catalog = await loadCatalog();
const bundles = await demoBundles();
const writer = createOfflineWriter();
const templates = [...catalog.templates.keys()].sort();

/**
 * Names, not statements: the business, its service, its people and places label
 * the page (headline, call to action, the problem's answer) and may recur.
 */
const NAMES = new Set<FactField>([
  'business_name',
  'primary_service',
  'founder_name',
  'location_city',
  'location_region',
  'location_country',
  'service_area',
  'contact_email',
  'contact_phone',
]);

const words = (t: string) => ` ${plainWords(t)} `;

const sites = new Map<string, Promise<WrittenSite>>();
function siteOf(slug: string, templateId: string): Promise<WrittenSite> {
  const key = `${slug}/${templateId}`;
  if (!sites.has(key))
    sites.set(key, writeSections(catalog, catalog.templates.get(templateId)!, bundles.get(slug)!, writer));
  return sites.get(key)!;
}

/** The DNA facts that are statements (a sentence or clause of five words or more). */
function statements(bundle: DnaBundle): { field: string; text: string }[] {
  return Object.entries(bundle.truth)
    .filter(([field, value]) => !NAMES.has(field as FactField) && typeof value === 'string')
    .map(([field, value]) => ({ field, text: words(value as string) }))
    .filter(({ text }) => text.trim().split(' ').length >= 5);
}

const cases = [...bundles.keys()].flatMap((slug) => templates.map((t) => [slug, t] as const));

describe.each(cases)('%s under %s', (slug, templateId) => {
  it('states no DNA fact twice on one page', async () => {
    const site = await siteOf(slug, templateId);
    const facts = statements(bundles.get(slug)!);
    expect(facts.length).toBeGreaterThan(0);
    for (const page of site.pages) {
      const texts = page.sections
        .filter((s) => s.status === 'draft')
        .flatMap((s) => stringsOf(s.content).map(({ path, text }) => ({ where: `${s.key}.${path}`, text })));
      for (const fact of facts) {
        const hits = texts.filter(({ text }) => words(text).includes(fact.text)).map(({ where }) => where);
        expect(hits.length, `/${page.slug} ${fact.field} in ${hits.join(', ')}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('drops no service, description, question or quotation because its words stand elsewhere', async () => {
    const site = await siteOf(slug, templateId);
    const truth = bundles.get(slug)!.truth;
    const services = truth.services ?? [];
    for (const s of site.all.filter((x) => x.status === 'draft')) {
      if (s.type === 'services' && services.length) {
        const items = (s.content as { items: { name: string; description?: string }[] }).items;
        expect(items).toHaveLength(Math.min(services.length, 12));
        for (const [i, service] of services.slice(0, 12).entries())
          expect(Boolean(items[i]!.description), `${s.page}/${s.key} ${service.name}`).toBe(
            Boolean(service.description),
          );
      }
      if (s.type === 'pricing') {
        const priced = services.filter((x) => typeof x.price === 'number').slice(0, 12);
        const items = (s.content as { items: { description?: string }[] }).items;
        expect(items.map((x) => Boolean(x.description))).toEqual(priced.map((x) => Boolean(x.description)));
      }
      if (s.type === 'faq')
        expect((s.content as { items: unknown[] }).items).toHaveLength(
          Math.min((truth.faqs ?? []).length, 12),
        );
      if (s.type === 'testimonials')
        expect((s.content as { items: unknown[] }).items).toHaveLength(
          Math.min((truth.testimonials ?? []).length, 9),
        );
    }
  });
});

it('the page plan reaches the sections: the food bank’s hero leaves its audience to "Who we serve" below it', async () => {
  const bundle = bundles.get('food-bank')!;
  const templateId = selectTemplate(catalog, bundle).id;
  const home = (await siteOf('food-bank', templateId)).pages.find((p) => p.slug === '')!.sections;
  const types = home.filter((s) => s.status === 'draft').map((s) => s.type);
  expect(types.indexOf('who_serves')).toBeGreaterThan(types.indexOf('hero'));
  const hero = home.find((s) => s.type === 'hero')!.content as { lede?: string };
  expect(hero.lede).toBeTruthy();
  expect(words(hero.lede!)).not.toContain(words(bundle.truth.who_serves!));
});
