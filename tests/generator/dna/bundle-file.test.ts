import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../generator/dna/bundle-file.ts';
import { founderIdFromSlug } from '../../../generator/dna/founder-identity.ts';
import { demoBundlePath } from '../../helpers/demo.ts';

it('refuses an alternative reading of a field the DNA does not have, naming it', () => {
  const file = demoBundlePath('bakery');
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  raw.dream_dna_probability.unshift({ field_name: 'nonsense_field', primary_interpretation: 'x' });
  expect(() => parseBundle(raw, dirname(file), file)).toThrow(
    /dream_dna_probability\.0\.field_name: "nonsense_field" is not a dream_dna_truth fact field/,
  );
});

it('refuses a price no small business charges, naming the service', () => {
  const file = demoBundlePath('bakery');
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  raw.dream_dna_truth.services[1].price = 1e30;
  expect(() => parseBundle(raw, dirname(file), file)).toThrow(
    /dream_dna_truth\.services\.1\.price: is over 1,000,000,000/,
  );
});

describe('a bundle needs only a business name', () => {
  const parse = (raw: unknown) => parseBundle(raw, tmpdir(), 'test bundle');

  it('in the DNA truth, without users: the slug and id are derived from the name', () => {
    const bundle = parse({ dream_dna_truth: { business_name: 'Café Crème 🍰' } });
    expect(bundle.user).toMatchObject({ slug: 'cafe-creme', id: founderIdFromSlug('cafe-creme') });
    expect(bundle.truth.business_name).toBe('Café Crème 🍰');
    expect(bundle.type).toBeNull();
    expect(bundle.probabilities).toEqual([]);
    expect(bundle.media).toEqual([]);
  });

  it('in users: the truth takes the account’s name', () => {
    const bundle = parse({ users: { business_name: 'Müller Bäckerei' } });
    expect(bundle.user.slug).toBe('mueller-baeckerei');
    expect(bundle.truth.business_name).toBe('Müller Bäckerei');
  });

  it('the slug comes from the account’s name when both tables have one, and is the same on every run', () => {
    const raw = { users: { business_name: 'Rosa Bakes' }, dream_dna_truth: { business_name: 'Rosa’s' } };
    expect(parse(raw).user).toEqual(parse(structuredClone(raw)).user);
    expect(parse(raw).user.slug).toBe('rosa-bakes');
  });

  it('a given slug or id is kept (and the id derives from a given slug)', () => {
    const withSlug = parse({ users: { slug: 'northside', business_name: 'Northside Strength Club' } });
    expect(withSlug.user).toMatchObject({ slug: 'northside', id: founderIdFromSlug('northside') });
    const id = '00000000-0000-4000-8000-00000000abcd';
    expect(parse({ users: { id, business_name: 'Northside' } }).user).toMatchObject({
      id,
      slug: 'northside',
    });
  });

  it('refuses a bundle with no name at all, naming both places a name may go, with its other problems', () => {
    for (const notABundle of [null, [], 'bakery', 42])
      expect(() => parse(notABundle)).toThrow(/DNA bundle test bundle is invalid/);
    expect(() => parse({})).toThrow(
      /users\.business_name: a business name is needed: give users\.business_name or dream_dna_truth\.business_name/,
    );
    expect(() => parse({ users: { slug: 'Bad Slug', business_name: '  ' } })).toThrow(
      /users\.slug: use lower-case kebab-case[\s\S]*users\.business_name: a business name is needed/,
    );
  });
});

describe('open classification labels', () => {
  const parse = (type: Record<string, unknown>, truth: Record<string, unknown> = {}) =>
    parseBundle(
      { dream_dna_truth: { business_name: 'Northside', ...truth }, dream_dna_type: type },
      tmpdir(),
      'test bundle',
    );

  it('keeps labels the catalogue does not know exactly as given', () => {
    const type = {
      business_archetype: 'craftsman',
      secondary_archetype: ' The Rebel ',
      industry_vertical: 'Boutique Fitness',
      business_model_type: 'b2b',
    };
    expect(parse(type).type).toMatchObject(type);
    expect(parse({}, { extraction_source: 'phone_interview' }).truth.extraction_source).toBe(
      'phone_interview',
    );
  });

  it('refuses only a blank or over-long label, naming it', () => {
    expect(() => parse({ industry_vertical: '  ' })).toThrow(/dream_dna_type\.industry_vertical: is empty/);
    expect(() => parse({ business_archetype: 'x'.repeat(101) })).toThrow(
      /dream_dna_type\.business_archetype: a label of at most 100 characters/,
    );
  });
});

describe('personality scores on either scale', () => {
  const scores = (type: Record<string, unknown>) =>
    parseBundle({ users: { business_name: 'Northside' }, dream_dna_type: type }, tmpdir(), 'test bundle')
      .type;

  it('turns 0–1 fractions into 0–100 integers and keeps 0–100 scores', () => {
    expect(scores({ risk_tolerance: 0.4, innovation_level: 0.55, scale_ambition: 1 })).toMatchObject({
      risk_tolerance: 40,
      innovation_level: 55,
      scale_ambition: 100,
    });
    expect(scores({ risk_tolerance: 40, innovation_level: 55.4, scale_ambition: 1 })).toMatchObject({
      risk_tolerance: 40,
      innovation_level: 55,
      scale_ambition: 1,
    });
  });

  it.each([
    [{ risk_tolerance: 140 }, /dream_dna_type\.risk_tolerance: 140 is outside 0–1 and 0–100/],
    [{ innovation_level: -0.2 }, /dream_dna_type\.innovation_level: -0\.2 is outside 0–1 and 0–100/],
    [{ scale_ambition: Number.NaN }, /dream_dna_type\.scale_ambition: NaN is outside 0–1 and 0–100/],
    [{ scale_ambition: '70' }, /dream_dna_type\.scale_ambition: "70" is not a number/],
    [
      { risk_tolerance: 0.4, scale_ambition: 70 },
      /dream_dna_type\.risk_tolerance: 0\.4 reads as a 0–1 fraction, but scale_ambition is 70/,
    ],
  ])('refuses %j, naming the field', (type, message) => expect(() => scores(type)).toThrow(message));
});
