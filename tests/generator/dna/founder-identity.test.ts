import { describe, expect, it } from 'vitest';
import {
  FOUNDER_NAMESPACE,
  founderIdFromSlug,
  SLUG_MAX,
  SLUG_PATTERN,
  slugFromName,
  uuidV5,
} from '../../../generator/dna/founder-identity.ts';

describe('slugFromName', () => {
  it.each([
    ['Rosa & Daughters Bakery', 'rosa-and-daughters-bakery'],
    ['Café Crème 🍰', 'cafe-creme'],
    ['Müller Bäckerei', 'mueller-baeckerei'],
    ['Москва Кафе', 'moskva-kafe'],
    ["Dale's 24/7 Plumbing & Drain", 'dales-24-7-plumbing-and-drain'],
    ['ﬁne Ｆｏｏ', 'fine-foo'],
    ['McKenzie Tax', 'mckenzie-tax'],
  ])('%j → %j', (name, slug) => expect(slugFromName(name)).toBe(slug));

  it('falls back to a hash of the name when nothing can be transliterated, never an empty slug', () => {
    for (const name of ['🍰🎂', '東京ラーメン', '…']) {
      const slug = slugFromName(name);
      expect(slug).toMatch(/^founder-[0-9a-f]{10}$/);
      expect(slugFromName(name)).toBe(slug);
    }
    expect(slugFromName('🍰🎂')).not.toBe(slugFromName('🍰'));
  });

  it('is at most 63 characters, cut after a whole word, and always a valid slug', () => {
    const name =
      'The Very Long Name Of A Neighbourhood Bakery And Coffee Roastery In Providence Rhode Island';
    const slug = slugFromName(name);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(`${slugifiedWords(name)}-`.startsWith(`${slug}-`)).toBe(true);
    expect(slugFromName('x'.repeat(80))).toBe('x'.repeat(SLUG_MAX));
  });
});

function slugifiedWords(name: string): string {
  return name.toLowerCase().split(' ').join('-');
}

describe('founder ids', () => {
  it('uuidV5 is RFC 9562 version 5 (the RFC test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('the same slug always gets the same id, another slug another id', () => {
    const id = founderIdFromSlug('cafe-creme');
    expect(id).toBe(founderIdFromSlug('cafe-creme'));
    expect(id).toBe(uuidV5('cafe-creme', FOUNDER_NAMESPACE));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(founderIdFromSlug('cafe-cremes')).not.toBe(id);
  });
});
