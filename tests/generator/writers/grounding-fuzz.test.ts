import fc from 'fast-check';
import { expect, it } from 'vitest';
import { sentencesOf } from '../../../generator/catalog/grammar.ts';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { checkGrounding } from '../../../generator/content/grounding.ts';
import { type DnaBundle, factFields } from '../../../generator/dna/schema.ts';
import { selectTemplate } from '../../../generator/stages/select-template.ts';
import { writeSections } from '../../../generator/stages/write-sections.ts';
import { createOfflineWriter } from '../../../generator/writers/offline.ts';
import { demoBundles, PLACEHOLDER, stringsOf } from '../../helpers/demo.ts';

/**
 * Grounding fuzz: random subsets of DNA facts removed, awkward business names.
 * Whatever the input, the offline writer never invents a fact, never leaves a
 * placeholder, and never writes broken punctuation.
 */
const catalog = await loadCatalog();
const bundles = [...(await demoBundles()).values()];
const writer = createOfflineWriter();

const AWKWARD_NAMES = [
  'Rosa & Daughters’ Bakery',
  "O'Brien's Plumbing & Heating",
  'Café Ñandú',
  'Paws 🐾',
  '🌿 Green Thumb',
  'Lækker Brød København',
  '東京ベーカリー',
  'ACME LLC',
  'the little shop',
  `${'A'.repeat(20)} Very Long Business Name That Goes On And On For Eighty Chars`,
];

const GRAMMAR: [RegExp, string][] = [
  [/ {2,}/, 'double space'],
  [/\s[,.;:!?]/, 'space before punctuation'],
  [/\.\.(?!\.)/, 'double full stop'],
  [/\b(a|an|the) \1\b/i, 'repeated article'],
  [/[.!?] [a-z]/, 'sentence starting in lower case'],
  [/’s’s|'s's/, 'double possessive'],
  [/\(\s*\)/, 'empty parentheses'],
  [/^[,.;:]/, 'leading punctuation'],
];

it('never invents facts, placeholders or broken grammar, whatever facts are missing', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: bundles.length - 1 }),
      fc.subarray([...factFields].filter((f) => f !== 'business_name')),
      fc.option(fc.constantFrom(...AWKWARD_NAMES), { nil: undefined }),
      async (index, removed, name) => {
        const base = bundles[index]!;
        const truth: Record<string, unknown> = { ...base.truth };
        for (const f of removed) delete truth[f];
        if (name) truth.business_name = name;
        const bundle: DnaBundle = { ...base, truth: truth as DnaBundle['truth'] };
        const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
        const site = await writeSections(catalog, template, bundle, writer);
        for (const s of site.all) {
          expect(
            s.provenance.problems ?? [],
            `${s.key}: ${(s.provenance.problems ?? []).join('; ')}`,
          ).toEqual([]);
          if (s.status !== 'draft') continue;
          expect(checkGrounding(s.content, bundle), s.key).toEqual([]);
          for (const { path, text } of stringsOf(s.content)) {
            if (path.endsWith('asset') || path.endsWith('href')) continue;
            expect(text, `${s.key}.${path}`).not.toMatch(PLACEHOLDER);
            for (const [re, what] of GRAMMAR)
              expect(re.test(text), `${what} in ${s.key}.${path}: "${text}"`).toBe(false);
          }
        }
      },
    ),
    { numRuns: 80, seed: 20261125 },
  );
});

it('the same DNA always gives the same copy', async () => {
  for (const bundle of bundles) {
    const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
    const a = await writeSections(catalog, template, bundle, writer);
    const b = await writeSections(catalog, template, bundle, writer);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  }
});

it('no sentence of our own copy is repeated anywhere on the site', async () => {
  for (const bundle of bundles) {
    const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
    const site = await writeSections(catalog, template, bundle, writer);
    // The founder's own sentences (a description shared by two services, or listed on the home page and
    // priced on the pricing page) are facts, shown wherever they belong: only our copy may not repeat.
    const founders = new Set(stringsOf(bundle.truth).flatMap(({ text }) => sentencesOf(text)));
    const seen = new Map<string, string>();
    for (const page of site.pages) {
      for (const s of page.sections.filter((x) => x.status === 'draft')) {
        for (const { path, text } of stringsOf(s.content)) {
          // Link labels ("Email …", "Call …") and item names are names, not prose: they may repeat.
          if (/(href|asset|label|name)$/.test(path)) continue;
          for (const sentence of text.split(/(?<=[.!?])\s+/).filter((x) => x.length > 25)) {
            if (sentencesOf(sentence).every((n) => founders.has(n))) continue;
            const key = sentence.toLowerCase();
            const where = seen.get(key);
            expect(where === undefined || where === s.key, `"${sentence}" in ${where} and ${s.key}`).toBe(
              true,
            );
            seen.set(key, s.key);
          }
        }
      }
    }
  }
});
