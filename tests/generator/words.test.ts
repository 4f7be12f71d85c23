import { describe, expect, it } from 'vitest';
import { foldAccents, plainWords, stem } from '../../generator/words.ts';

describe('plainWords', () => {
  it.each([
    ['What Rosa’s Bakery offers!', 'what rosa s bakery offers'],
    ['  Food & Beverage  ', 'food beverage'],
    ['boutique_fitness', 'boutique fitness'],
    ['Inés Calderón', 'inés calderón'],
    ['—', ''],
  ])('%j → %j', (text, plain) => expect(plainWords(text)).toBe(plain));

  it('keeps hyphens when asked (units such as "8-inch cake")', () => {
    expect(plainWords('from, 8-inch cake', { keepHyphens: true })).toBe('from 8-inch cake');
    expect(plainWords('from, 8-inch cake')).toBe('from 8 inch cake');
  });
});

describe('foldAccents', () => {
  it.each([
    ['Café Crème', 'Cafe Creme'],
    ['ﬁne Ｆｏｏ', 'fine Foo'],
    ['Łódź', 'Łodz'],
    ['plain', 'plain'],
  ])('%j → %j', (text, folded) => expect(foldAccents(text)).toBe(folded));
});

describe('stem', () => {
  it('gives a word and its usual inflections one form', () => {
    for (const group of [
      ['offer', 'offers', 'offered', 'offering'],
      ['service', 'services'],
      ['different', 'difference'],
    ])
      expect(new Set(group.map(stem)).size, group.join(' ')).toBe(1);
  });

  it('leaves short words alone', () => {
    for (const word of ['us', 'yes', 'bed', 'its']) expect(stem(word)).toBe(word);
  });
});
