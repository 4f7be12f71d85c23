import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { readBundleFile } from '../../generator/dna/bundle-file.ts';
import { selectTemplate } from '../../generator/stages/select-template.ts';
import { writeSections } from '../../generator/stages/write-sections.ts';
import { plainWords } from '../../generator/words.ts';
import type { SiteCopyState } from '../../generator/writers/compose-context.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';
import { demoBundlePath, demoSlugs } from '../helpers/demo.ts';

/**
 * The hero's lede says something its headline does not, and leaves the
 * audience to a "who we serve" section later on the same page, so that the
 * page does not state who the business serves twice.
 */
const catalog = await loadCatalog();
const writer = createOfflineWriter();
const hero = catalog.sections.get('hero')!;
const whoServes = catalog.sections.get('who_serves')!;

type Hero = { headline: string; lede?: string };
const words = (s: string) => ` ${plainWords(s)} `;

describe('hero', () => {
  it.each(demoSlugs)('%s: a lede of its own, without the audience a later section states', async (slug) => {
    const bundle = await readBundleFile(demoBundlePath(slug));
    const template = catalog.templates.get(selectTemplate(catalog, bundle).id)!;
    const site = await writeSections(catalog, template, bundle, writer);
    const home = site.pages.find((p) => p.slug === '')!.sections;
    const section = home.find((s) => s.type === 'hero')!;
    expect(section.status).toBe('draft');
    const { headline, lede } = section.content as Hero;
    expect(lede, 'every demo founder gets a lede').toBeTruthy();
    expect(words(headline)).not.toContain(words(lede!.replace(/\.$/, '')));
    const audienceBelow = home.some((s) => s.type === 'who_serves' && s.status === 'draft');
    if (audienceBelow) expect(words(`${headline} ${lede}`)).not.toContain(words(bundle.truth.who_serves!));
  });

  it('says who the business serves when no section of its page does', async () => {
    const bundle = await readBundleFile(demoBundlePath('emergency-plumber'));
    const site = await writeSections(catalog, catalog.templates.get('trades-local')!, bundle, writer);
    expect(site.pages.find((p) => p.slug === '')!.sections.some((s) => s.type === 'who_serves')).toBe(false);
    const { lede } = site.all.find((s) => s.type === 'hero')!.content as Hero;
    expect(words(lede!)).toContain(words(bundle.truth.who_serves!));
  });

  it('leaves the audience to a later "who we serve" and still says where the business is', async () => {
    const bundle = await readBundleFile(demoBundlePath('food-bank'));
    const write = async (page?: SiteCopyState['page']) => {
      const draft = await writer.write({
        section: hero,
        bundle,
        page: '',
        key: 'hero',
        site: { usedSentences: new Set(), pages: [{ href: '/', label: 'Home' }], ...(page ? { page } : {}) },
      });
      expect(draft.status).toBe('draft');
      return draft.content as Hero;
    };
    const alone = await write();
    expect(words(`${alone.headline} ${alone.lede}`)).toContain(words(bundle.truth.who_serves!));
    const above = await write({ before: [], after: [whoServes] });
    expect(words(`${above.headline} ${above.lede}`)).not.toContain(words(bundle.truth.who_serves!));
    expect(above.lede).toBeTruthy();
    expect(words(`${above.headline} ${above.lede}`)).toContain(words(bundle.truth.location_city!));
    // A "who we serve" section elsewhere on the site (before the hero, or on another page) changes nothing.
    expect(await write({ before: [whoServes], after: [] })).toEqual(alone);
  });
});
