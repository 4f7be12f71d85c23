import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { archetypes, modelTypes, verticals } from '../../../generator/dna/schema.ts';
import {
  describeReading,
  findCue,
  guessVertical,
  knownClassification,
  readArchetype,
  readClassification,
  readModelType,
  readVertical,
} from '../../../generator/dna/vocabulary.ts';
import { verticalCues } from '../../../generator/dna/vocabulary-cues.ts';

describe('reading classifier labels', () => {
  it('knows every value of the catalogue as itself', () => {
    for (const v of verticals) expect(readVertical(v)).toMatchObject({ raw: v, known: v, how: 'exact' });
    for (const a of archetypes) expect(readArchetype(a)).toMatchObject({ known: a, how: 'exact' });
    for (const m of modelTypes) expect(readModelType(m)).toMatchObject({ known: m, how: 'exact' });
  });

  it.each([
    ['Food & Beverage', 'food_beverage'],
    ['Health and Wellness', 'health_wellness'],
    ['REAL ESTATE', 'real_estate'],
    ['home-services', 'home_services'],
  ])('reads %j as %j by its spelling', (raw, known) =>
    expect(readVertical(raw)).toMatchObject({ raw, known, how: 'spelling' }),
  );

  it.each([
    ['boutique_fitness', 'fitness', 'fitness'],
    ['Boutique Fitness', 'fitness', 'fitness'],
    ['craft brewery', 'food_beverage', 'brewery'],
    ['wedding photographer', 'photography', 'photographer'],
    ['dog walking', 'pet_services', 'dog'],
    ['tax preparation', 'financial', 'tax'],
    ['Hôtel particulier', 'hospitality', 'hotel'],
  ])('reads the industry %j as %j by the word %j', (raw, known, cue) =>
    expect(readVertical(raw)).toEqual({ field: 'industry_vertical', raw, known, how: 'words', cue }),
  );

  it.each([
    ['craftsman', 'creator'],
    ['Craftsmen', 'creator'],
    ['The Rebel', 'outlaw'],
    ['mentor', 'sage'],
    ['good neighbour', 'everyman'],
  ])('reads the archetype %j as %j', (raw, known) =>
    expect(readArchetype(raw)).toMatchObject({ raw, known, how: 'words' }),
  );

  it.each([
    ['b2b', 'b2b_service'],
    ['saas', 'b2b_saas'],
    ['SaaS platform', 'b2b_saas'],
    ['ecommerce', 'b2c_product'],
    ['e-commerce', 'b2c_product'],
    ['non-profit', 'nonprofit'],
    ['charity', 'nonprofit'],
    ['not for profit', 'nonprofit'],
    ['b2b and b2c', 'hybrid'],
    ['b2c', 'b2c_service'],
    ['direct-to-consumer', 'b2c_product'],
  ])('reads the model type %j as %j', (raw, known) =>
    expect(readModelType(raw)).toMatchObject({ raw, known, how: 'words' }),
  );

  it('leaves a label that could mean two values, or nothing, unmapped', () => {
    for (const raw of ['guardian', 'dreamer', 'xyzzy']) expect(readArchetype(raw).known).toBeNull();
    for (const raw of ['platform', 'subscription']) expect(readModelType(raw).known).toBeNull();
    expect(readVertical('xyzzy')).toEqual({
      field: 'industry_vertical',
      raw: 'xyzzy',
      known: null,
      how: 'none',
    });
  });

  it('reads an unknown industry through the industry category, then the business type', () => {
    expect(readVertical('xyzzy', { industry_category: 'Strength gym', business_type: 'Bakery' })).toEqual({
      field: 'industry_vertical',
      raw: 'xyzzy',
      known: 'fitness',
      how: 'industry_category',
      cue: 'gym',
    });
    expect(readVertical('xyzzy', { industry_category: 'Other', business_type: 'Bakery' })).toMatchObject({
      known: 'food_beverage',
      how: 'business_type',
    });
  });

  it('explains each reading in words, with the label as given', () => {
    expect(describeReading(readVertical('boutique_fitness'))).toBe(
      '`boutique_fitness` read as `fitness` (by the word "fitness")',
    );
    expect(describeReading(readVertical('xyzzy', { industry_category: 'Strength gym' }))).toBe(
      '`xyzzy` is not a known industry_vertical; read as `fitness` from the industry category ("gym")',
    );
    expect(describeReading(readArchetype('guardian'))).toBe(
      '`guardian` is not a known business_archetype, and no word in it names one: kept as given, not used for matching',
    );
    expect(describeReading(readVertical('xyzzy'))).toMatch(/the industry category or the business type/);
  });
});

describe('a founder’s classification', () => {
  const bundle = {
    user: { id: 'x', slug: 'x', business_type: 'Boutique gym' },
    truth: { field_confidence: {}, industry_category: null },
    type: {
      business_archetype: 'craftsman',
      secondary_archetype: 'guardian',
      industry_vertical: 'strength_studio',
      business_model_type: 'b2b',
    },
  };

  it('reads every label, keeping the raw one', () => {
    const r = readClassification(bundle);
    expect(r.business_archetype).toMatchObject({ raw: 'craftsman', known: 'creator' });
    expect(r.secondary_archetype).toMatchObject({
      field: 'secondary_archetype',
      raw: 'guardian',
      known: null,
    });
    // "studio" is a creative-media word; the label's own words come before the business type.
    expect(r.industry_vertical).toMatchObject({
      raw: 'strength_studio',
      known: 'creative_media',
      how: 'words',
    });
    expect(knownClassification(bundle)).toEqual({
      business_archetype: 'creator',
      secondary_archetype: null,
      industry_vertical: 'creative_media',
      business_model_type: 'b2b_service',
    });
  });

  it('is all null without a classification', () => {
    expect(knownClassification({ ...bundle, type: null })).toEqual({
      business_archetype: null,
      secondary_archetype: null,
      industry_vertical: null,
      business_model_type: null,
    });
  });
});

/**
 * The industry guess for founders without a classification used these regular
 * expressions; the cue table that replaced them must guess every text they
 * guessed the same way (new entries only read text they left unmatched). Two
 * differences are meant: the words of a phrase may be joined by any separator,
 * so "non profit" reads like "non-profit" (written `non[- ]profit` here); and
 * a short stem is a word of its own, not the start of any word ("pet" is not
 * "Peterson", "law" not "lawn": written `pets?\b` here).
 */
const PREVIOUS_GUESS: [string, RegExp][] = [
  ['food_beverage', /\b(bak(e|ery|ing)|bread|caf[eé]|coffee|restaurant|food|cater|pastr|kitchen|brew)/i],
  ['legal', /\b(laws?\b|law firm|legal|attorney|lawyer|solicitor|notary|divorce|custody)/i],
  ['health_wellness', /\b(yoga|wellness|therap|massage|meditat|nutrition|health|clinic|counsel+ing)/i],
  ['fitness', /\b(fitness|gym|personal train|pilates|crossfit)/i],
  ['trades', /\b(plumb|electric|hvac|roof|carpent|builder|construct|handyman|repair|install)/i],
  ['home_services', /\b(clean|garden|landscap|mov(ing|ers)|pests?\b|pest control|home service)/i],
  [
    'technology',
    /\b(software|saas|apps?\b|developer|web\b|website|webshop|cloud|data\b|database|tech\b|technolog|it consult)/i,
  ],
  ['consulting', /\b(consult|advis|coach|strategy)/i],
  ['photography', /\b(photo|wedding film|videograph)/i],
  [
    'creative_media',
    /\b(design|studio|illustrat|brands?\b|branding\b|arts?\b|artist|artwork|music|films?\b|filmmak)/i,
  ],
  ['pet_services', /\b(dogs?\b|dogg(y|ie)s?\b|pets?\b|groom|cats?\b|cattery\b|vets?\b|veterinar|kennel)/i],
  ['nonprofit_community', /\b(food bank|nonprofit|non[- ]profit|charity|volunteer|community|pantry)/i],
  ['beauty', /\b(hair|salon|nails?\b|beauty|barber|spas?\b)/i],
  ['retail', /\b(shop|store|boutique|retail)/i],
  ['education', /\b(tutor|school|class(es)?\b|course|lesson|teach)/i],
  ['events', /\b(event|wedding plan|part(y|ies)\b)/i],
];

describe('guessVertical', () => {
  const words = [
    ...verticalCues.flatMap(([, cues]) => cues.map((c) => c.replace('*', ''))),
    ...'the best bakery bakeries personal trainer non-profit wedding planner home services it consulting and of a'.split(
      ' ',
    ),
  ];
  const text = fc.array(fc.oneof(fc.constantFrom(...words), fc.stringMatching(/^[a-z]{1,9}$/)), {
    minLength: 1,
    maxLength: 8,
  });

  it('guesses every text the previous keyword guess guessed, the same way', () => {
    fc.assert(
      fc.property(text, (parts) => {
        const joined = parts.join(' ');
        const before = PREVIOUS_GUESS.find(([, re]) => re.test(joined))?.[0];
        const now = guessVertical({
          user: { business_type: joined },
          truth: { field_confidence: {} },
        } as never);
        if (before) expect(now).toBe(before);
      }),
      { numRuns: 2000, seed: 9 },
    );
  });

  it('reads the business type, industry category, primary service and name, in that order', () => {
    const guess = (user: object, truth: object) =>
      guessVertical({ user: { id: 'x', slug: 'x', ...user }, truth: { field_confidence: {}, ...truth } });
    expect(guess({ business_type: 'Retail bakery' }, {})).toBe('food_beverage');
    expect(guess({}, { primary_service: 'Small-group strength classes at our gym' })).toBe('fitness');
    expect(guess({}, { business_name: 'Zeta' })).toBeUndefined();
    // A word that only starts like a cue is not that cue; the name is read last (it is often a family name).
    expect(
      guess(
        {},
        { business_name: 'Peterson & Co Accounting', primary_service: 'Bookkeeping for small firms' },
      ),
    ).toBe('financial');
    expect(guess({}, { business_name: 'Le Petit Four', primary_service: 'Pâtisserie' })).toBe(
      'food_beverage',
    );
    expect(guess({}, { business_name: 'Baker & Sons', primary_service: 'Emergency plumbing' })).toBe(
      'trades',
    );
    expect(guess({}, { business_name: 'Green Lawns', primary_service: 'Lawn mowing and garden care' })).toBe(
      'home_services',
    );
    expect(guess({}, { business_name: 'Classic Cars' })).toBe('automotive');
    expect(guess({}, { business_name: 'Catalyst Space' })).toBeUndefined();
    // Nor a word the stemmer takes to the same stem: "apply" is not an app, "lawful" not law.
    expect(findCue(verticalCues, 'apply lawful')).toBeUndefined();
    expect(findCue(verticalCues, 'birthday parties')?.value).toBe('events');
    expect(guess({}, { business_name: 'Paws', primary_service: 'Dog walking and pet sitting' })).toBe(
      'pet_services',
    );
    expect(guess({}, {})).toBeUndefined();
    expect(findCue(verticalCues, '')).toBeUndefined();
  });
});
