import { describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '../../../generator/catalog/define-template.ts';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import {
  CHROME_PAGE,
  chromeSlots,
  hrefOf,
  pageInWords,
  pagePath,
  parseSlotName,
  sectionRef,
  slotLabel,
  slotName,
  slotsOf,
} from '../../../generator/catalog/slots.ts';

const template: TemplateDefinition = {
  id: 'two-pages',
  name: 'Two pages',
  description: 'A home page with two service lists, and an about page.',
  theme: 'calm',
  chrome: { header: 'bar', footer: 'columns' },
  pages: [
    {
      slug: '',
      label: 'Home',
      sections: [
        { type: 'hero', required: true },
        { type: 'services', variant: 'list' },
        { type: 'services', required: true },
        { type: 'cta' },
      ],
    },
    { slug: 'about', label: 'About', sections: [{ type: 'about', variant: 'portrait', required: true }] },
  ],
  suits: {},
};

describe('routes', () => {
  it('gives the home page / and any other page /slug/', () => {
    expect(hrefOf('')).toBe('/');
    expect(hrefOf('about')).toBe('/about/');
  });

  it('prints the chrome page as * in data and as "every page" in sentences', () => {
    expect([pagePath(CHROME_PAGE), pagePath(''), pagePath('about')]).toEqual(['*', '/', '/about/']);
    expect([pageInWords(CHROME_PAGE), pageInWords(''), pageInWords('about')]).toEqual([
      'every page',
      '/',
      '/about/',
    ]);
  });

  it('labels a section in messages by route and key, the header and footer by key alone', () => {
    expect(slotLabel('', 'hero')).toBe('/ hero');
    expect(slotLabel('about', 'about')).toBe('/about/ about');
    expect(slotLabel(CHROME_PAGE, 'footer')).toBe('footer');
  });
});

describe('slots', () => {
  it('keys the n-th section of a type on a page type-n, in page order', () => {
    expect(slotsOf(template)).toEqual([
      { page: '', key: 'hero', type: 'hero', variant: undefined, position: 0, required: true },
      { page: '', key: 'services', type: 'services', variant: 'list', position: 1, required: false },
      { page: '', key: 'services-2', type: 'services', variant: undefined, position: 2, required: true },
      { page: '', key: 'cta', type: 'cta', variant: undefined, position: 3, required: false },
      { page: 'about', key: 'about', type: 'about', variant: 'portrait', position: 0, required: true },
    ]);
  });

  it('puts the header and footer on the chrome page, required, in the template’s variants', () => {
    expect(chromeSlots(template)).toEqual([
      { page: CHROME_PAGE, key: 'header', type: 'header', variant: 'bar', position: 0, required: true },
      { page: CHROME_PAGE, key: 'footer', type: 'footer', variant: 'columns', position: 0, required: true },
    ]);
  });

  it('gives every slot of every catalogue template a reference of its own', async () => {
    const catalog = await loadCatalog();
    for (const t of catalog.templates.values()) {
      const refs = [...chromeSlots(t), ...slotsOf(t)].map((s) => sectionRef(s.page, s.key));
      expect(new Set(refs).size, t.id).toBe(refs.length);
    }
  });
});

describe('section names', () => {
  it('reads what slotName writes, and the forms the founder types', () => {
    expect(parseSlotName(slotName('about', 'hero'))).toEqual({ page: 'about', key: 'hero', pageGiven: true });
    expect(parseSlotName(slotName(CHROME_PAGE, 'header'))).toEqual({
      page: CHROME_PAGE,
      key: 'header',
      pageGiven: true,
    });
    expect(parseSlotName(' /about/ hero ')).toEqual({ page: 'about', key: 'hero', pageGiven: true });
    expect(parseSlotName('hero')).toEqual({ page: '', key: 'hero', pageGiven: false });
  });
});
