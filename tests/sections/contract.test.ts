import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { checkGrounding } from '../../generator/content/grounding.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';
import { demoBundles, PLACEHOLDER, stringsOf } from '../helpers/demo.ts';

/** The section contract, run against every section type × every demo founder. */
const catalog = await loadCatalog();
const bundles = await demoBundles();
const writer = createOfflineWriter();
const sections = [...catalog.sections.values()];

describe.each(sections.map((s) => [s.type, s] as const))('section %s', (_type, section) => {
  it('declares what it needs coherently', () => {
    expect(section.variants.length).toBeGreaterThan(0);
    for (const r of section.requires) expect(section.reads).toContain(r);
    if (section.placement === 'main') expect(Object.keys(section.patterns).length).toBeGreaterThan(0);
  });

  it.each([...bundles.keys()])(
    'writes valid, grounded content (or is rightly left out) for %s',
    async (slug) => {
      const bundle = bundles.get(slug)!;
      const draft = await writer.write({
        section,
        bundle,
        page: '',
        key: section.type,
        site: {
          usedSentences: new Set(),
          pages: [
            { href: '/', label: 'Home' },
            { href: '/about/', label: 'About' },
          ],
        },
      });
      for (const f of draft.provenance.fields) expect(section.reads).toContain(f.field);
      if (draft.status !== 'draft') {
        expect(draft.provenance.problems ?? []).toEqual([]);
        expect(draft.missing.length).toBeGreaterThan(0);
        return;
      }
      expect(section.schema.safeParse(draft.content).success).toBe(true);
      expect(checkGrounding(draft.content, bundle)).toEqual([]);
      for (const { path, text } of stringsOf(draft.content)) expect(text, path).not.toMatch(PLACEHOLDER);
      expect(draft.provenance.fields.length).toBeGreaterThan(0);
    },
  );
});

it('there are at least 14 section types, including the ones small-business sites need', () => {
  const types = sections.map((s) => s.type);
  expect(types.length).toBeGreaterThanOrEqual(14);
  for (const t of [
    'header',
    'hero',
    'what_problem',
    'who_serves',
    'how_different',
    'services',
    'process',
    'about',
    'pricing',
    'faq',
    'cta',
    'contact',
    'gallery',
    'footer',
  ]) {
    expect(types).toContain(t);
  }
});
