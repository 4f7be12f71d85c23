import { describe, expect, it } from 'vitest';
import {
  list,
  nameWords,
  phrase,
  possessive,
  sentence,
  title,
  withArticle,
} from '../../../generator/catalog/grammar.ts';

/** The grammar helpers shape founders' words so copy reads well whatever the business name is. */
describe('withArticle', () => {
  it.each([
    ['yoga studio', 'a yoga studio'],
    ['hour-long class', 'an hour-long class'],
    ['MBA', 'an MBA'],
    ['  apple pie ', 'an apple pie'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(withArticle(input)).toBe(expected));
});

describe('possessive', () => {
  it.each([
    ['Rosa', 'Rosa’s'],
    ['Rosa & Daughters', 'Rosa & Daughters’'],
    ['Glass', 'Glass’'],
    ['Café Ñandú', 'Café Ñandú’s'],
    ['Studio 54', 'Studio 54’s'],
    ['  Still  Water Yoga ', 'Still Water Yoga’s'],
  ])('%j → %j', (input, expected) => expect(possessive(input)).toBe(expected));

  it.each([
    'Paws 🐾',
    'Dale’s 24/7!',
    'Okafor Family Law, PLLC',
    'Okafor Family Law PLLC',
    'Quarry Lane Software LLC',
    'Quarry Lane Software, L.L.C.',
    'Smith & Partners LLP',
    'Acme Inc',
    'Acme Inc.',
    'Acme Widgets Ltd',
    'Acme corp',
    'Rosa, Maria and Sons',
  ])('is skipped for %j', (input) => expect(possessive(input)).toBeUndefined());

  it('keeps names that only contain a suffix-like word', () => {
    expect(possessive('Incline Fitness')).toBe('Incline Fitness’');
    expect(possessive('Corpus Christi Bakery')).toBe('Corpus Christi Bakery’s');
  });
});

describe('list', () => {
  it.each([
    [[], ''],
    [['bread'], 'bread'],
    [['bread', 'pastries'], 'bread and pastries'],
    [['bread', 'pastries', 'cakes'], 'bread, pastries, and cakes'],
    [[' bread ', '', 'cakes'], 'bread and cakes'],
  ])('%j → %j', (items, expected) => expect(list(items)).toBe(expected));

  it('takes another conjunction', () =>
    expect(list(['call', 'email', 'visit'], 'or')).toBe('call, email, or visit'));
});

describe('sentence', () => {
  it.each([
    ['we bake every morning', 'We bake every morning.'],
    ['Is it fresh?', 'Is it fresh?'],
    ['He said “fresh.”', 'He said “fresh.”'],
    ['  élan   and  joy ', 'Élan and joy.'],
    ['Wait…', 'Wait…'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(sentence(input)).toBe(expected));
});

describe('phrase', () => {
  const names = nameWords('Rosa & Daughters Bakery', 'Rosa Amato', 'Providence', 'RI');

  it('lower-cases an ordinary first word and drops the closing full stop', () => {
    expect(phrase('Bread and pastries baked fresh every day.')).toBe(
      'bread and pastries baked fresh every day',
    );
    expect(phrase('Adults who are new to yoga', names)).toBe('adults who are new to yoga');
  });

  it('keeps names of the business, founder and places as written', () => {
    expect(phrase('Rosa bakes every morning', names)).toBe('Rosa bakes every morning');
    expect(phrase('Providence families', names)).toBe('Providence families');
    expect(phrase('Bakery bread', names)).toBe('Bakery bread');
  });

  it('keeps days, nationalities, acronyms, possessives of names and capitalised names', () => {
    expect(phrase('Saturday markets')).toBe('Saturday markets');
    expect(phrase('Italian pastries')).toBe('Italian pastries');
    expect(phrase('ERP integration')).toBe('ERP integration');
    expect(phrase('Tacoma’s Eastside families')).toBe('Tacoma’s Eastside families');
    expect(phrase('Federal Hill neighbours')).toBe('Federal Hill neighbours');
    expect(phrase('Zumba and Pilates classes')).toBe('Zumba and Pilates classes');
    expect(phrase('Pilates for beginners')).toBe('Pilates for beginners');
    expect(phrase('Yoga and Pilates classes')).toBe('yoga and Pilates classes');
  });

  it('lower-cases common possessives', () => {
    expect(phrase('Children’s birthday cakes')).toBe('children’s birthday cakes');
  });

  it('leaves text that does not start with a capitalised word alone', () => {
    expect(phrase('e-commerce integrations')).toBe('e-commerce integrations');
    expect(phrase('24-hour repairs')).toBe('24-hour repairs');
  });
});

describe('title', () => {
  it.each([
    ['wedding and elopement photography', 'Wedding and elopement photography'],
    ['Baked this morning, like Nonna’s.', 'Baked this morning, like Nonna’s'],
    ['  small,  slow-paced classes! ', 'Small, slow-paced classes'],
    ['Is it fresh?', 'Is it fresh?'],
    ['élan', 'Élan'],
  ])('%j → %j', (input, expected) => expect(title(input)).toBe(expected));
});
