import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { parseBundle, readBundleFile } from '../../generator/dna/bundle-file.ts';
import type { DnaBundle } from '../../generator/dna/schema.ts';
import { selectTemplate } from '../../generator/stages/select-template.ts';
import { writeSections } from '../../generator/stages/write-sections.ts';
import { plainWords } from '../../generator/words.ts';
import type { SiteCopyState } from '../../generator/writers/compose-context.ts';
import { createOfflineWriter } from '../../generator/writers/offline.ts';
import { demoBundlePath, demoSlugs } from '../helpers/demo.ts';

/**
 * The hero's lede says something its headline does not, and leaves the
 * audience to a "who we serve" section later on the same page, so that the
 * page does not state who the business serves twice. With only a name it
 * still makes the page's heading; its photo is a wide one, decorative when the
 * founder has not described it.
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

type HeroContent = Hero & {
  eyebrow?: string;
  cta?: { label: string; href: string };
  image?: { asset: string; alt: string };
};

async function writeHero(bundle: DnaBundle) {
  const draft = await writer.write({
    section: hero,
    bundle,
    page: '',
    key: 'hero',
    site: { usedSentences: new Set(), pages: [{ href: '/', label: 'Home' }] },
  });
  expect(draft.status).toBe('draft');
  return draft.content as HeroContent;
}

const thin = (truth: Record<string, unknown>, media: unknown[] = []) =>
  parseBundle(
    { users: { business_name: 'Café Crème' }, dream_dna_truth: truth, media_assets: media },
    '/',
    'test',
  );

describe('hero with thin DNA', () => {
  it('with only the name: the name is the headline, and nothing is added to it', async () => {
    expect(JSON.parse(JSON.stringify(await writeHero(thin({}))))).toEqual({ headline: 'Café Crème' });
  });

  it.each([
    [{ location_city: 'Providence' }, { headline: 'Café Crème', lede: 'Based in Providence.' }],
    [
      { contact_phone: '(401) 555-0134' },
      { headline: 'Café Crème', cta: { label: 'Call (401) 555-0134', href: 'tel:4015550134' } },
    ],
    [
      { contact_email: 'hello@cafe.example' },
      { headline: 'Café Crème', cta: { label: 'Email us', href: 'mailto:hello@cafe.example' } },
    ],
    [{ tagline: 'Coffee worth the walk' }, { headline: 'Coffee worth the walk' }],
  ])('with the name and %j: that fact, under the name or as the headline', async (truth, expected) => {
    const { eyebrow, ...content } = JSON.parse(JSON.stringify(await writeHero(thin(truth)))) as HeroContent;
    expect(content).toEqual(expected);
    // An eyebrow, if any, only names the business (never something the DNA does not hold).
    if (eyebrow) expect(eyebrow).toBe('Café Crème');
  });
});

describe('hero photo', () => {
  const photo = (id: string, width: number, height: number, description?: string) => ({
    id,
    asset_category: 'photo',
    width,
    height,
    ...(description ? { description } : {}),
  });
  const ids = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

  it('is a wide one: a described portrait photo is passed over for a landscape one', async () => {
    const content = await writeHero(
      thin({ primary_service: 'Coffee' }, [
        photo(ids(1), 1065, 1600, 'Two dogs on a balcony'),
        photo(ids(2), 1920, 1280, 'Storm clouds over fields'),
      ]),
    );
    expect(content.image).toEqual({ asset: ids(2), alt: 'Storm clouds over fields' });
  });

  it('without a description it is decorative (alt=""); a described wide photo comes first', async () => {
    const undescribed = photo(ids(3), 1600, 1200);
    expect((await writeHero(thin({}, [undescribed]))).image).toEqual({ asset: ids(3), alt: '' });
    const both = await writeHero(thin({}, [undescribed, photo(ids(4), 2400, 1500, 'A yellow flower')]));
    expect(both.image).toEqual({ asset: ids(4), alt: 'A yellow flower' });
    // A portrait photo alone: no hero photo at all (the generate warnings say why).
    expect((await writeHero(thin({}, [photo(ids(5), 1065, 1600)]))).image).toBeUndefined();
  });
});
