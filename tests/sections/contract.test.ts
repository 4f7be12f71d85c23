import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../../generator/catalog/grammar.ts';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { checkGrounding } from '../../generator/content/grounding.ts';
import { plainWords } from '../../generator/words.ts';
import { proseSentences } from '../../generator/writers/check-answer.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';
import { demoBundles, PLACEHOLDER, stringsOf } from '../helpers/demo.ts';

/**
 * The section contract, run against every section type × every demo founder.
 * What a section declares (reads, requires, states, variants, patterns) is
 * checked by the registry when the catalogue loads (tests/generator/catalog/registry.test.ts).
 */
const catalog = await loadCatalog();
const bundles = await demoBundles();
const writer = createOfflineWriter();
const sections = [...catalog.sections.values()];

describe.each(sections.map((s) => [s.type, s] as const))('section %s', (_type, section) => {
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

  // De-duplication applies to our copy only: a site that already says every one of the founder's
  // sentences (and everything this section wrote) still gets every fact the section showed.
  it.each([...bundles.keys()])(
    'loses no founder fact to sentences already on the site, for %s',
    async (slug) => {
      const bundle = bundles.get(slug)!;
      const write = (usedSentences: Set<string>) =>
        writer.write({ section, bundle, page: '', key: section.type, site: { usedSentences, pages: [] } });
      const first = await write(new Set());
      if (first.status !== 'draft' || !section.states?.length) return;
      const founders = new Set(stringsOf(bundle.truth).flatMap(({ text }) => sentencesOf(text)));
      const again = await write(new Set([...founders, ...proseSentences(first.content)]));
      expect(again.status).toBe('draft');
      // Shown as given, or within our copy ("We work with …"): its words are all still there.
      const words = (t: string) => ` ${plainWords(t)} `;
      const shown = stringsOf(again.content)
        .map(({ text }) => words(text))
        .join(' ');
      for (const { path, text } of stringsOf(first.content)) {
        const own = sentencesOf(text);
        if (/(headline|heading|eyebrow)$/.test(path) || !own.length || !own.every((x) => founders.has(x)))
          continue;
        expect(shown.includes(words(text)), `${path}: "${text}"`).toBe(true);
      }
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
