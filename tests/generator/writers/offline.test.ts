import { expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { changedTexts, createOfflineWriter } from '../../../generator/writers/offline.ts';
import { demoBundles } from '../../helpers/demo.ts';

/** The offline writer asked to replace rejected copy: the wording that changes the most of it. */
const catalog = await loadCatalog();
const bundles = await demoBundles();
const writer = createOfflineWriter();
const site = () => ({ usedSentences: new Set<string>(), usedAssets: new Set<string>(), pages: [] });

it('counts changed, added and removed texts by path', () => {
  const a = { headline: 'A', lede: 'B', items: [{ name: 'x' }] };
  expect(changedTexts(a, a)).toBe(0);
  expect(changedTexts(a, { ...a, eyebrow: 'E' })).toBe(1);
  expect(changedTexts(a, { headline: 'A2', items: [{ name: 'x' }, { name: 'y' }] })).toBe(3);
});

it('rewrites a rejected hero with a different headline or lede, not only an added eyebrow', async () => {
  const hero = catalog.sections.get('hero')!;
  let changedMain = 0;
  for (const [slug, bundle] of bundles) {
    const request = { section: hero, bundle, page: '', key: 'hero' };
    const first = await writer.write({ ...request, site: site() });
    if (first.status !== 'draft') continue;
    const again = await writer.write({ ...request, site: site(), avoid: [first.content] });
    expect(again.status, slug).toBe('draft');
    expect(changedTexts(first.content, again.content), slug).toBeGreaterThan(0);
    const main = (c: unknown) => {
      const { headline, lede } = c as { headline: string; lede?: string };
      return `${headline}|${lede ?? ''}`;
    };
    if (main(first.content) !== main(again.content)) changedMain++;
  }
  // Every demo founder's facts allow another headline or lede (food-bank was the reported case).
  expect(changedMain).toBe([...bundles.values()].length);
});
