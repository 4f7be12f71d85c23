import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phrase } from '../../../generator/catalog/grammar.ts';
import type { DnaBundle } from '../../../generator/dna/schema.ts';
import {
  businessNameOf,
  DESCRIPTION_MAX,
  pageDescription,
  pageTitle,
  TITLE_MAX,
} from '../../../generator/site/build-spec.ts';
import { isSettled } from '../../../generator/site/settled-facts.ts';
import { demoBundles } from '../../helpers/demo.ts';

/**
 * Page titles and meta descriptions: whole clauses from settled facts only,
 * within what search results show, for every demo founder and for random ones.
 */
const bundles = await demoBundles();
const LABELS = ['Home', 'About', 'Services', 'Pricing', 'Contact'];

/** The clauses a description may take from the DNA, each as it reads mid-sentence. */
function clauses(bundle: DnaBundle): { field: string; text: string }[] {
  const t = bundle.truth;
  const out: { field: string; text: string }[] = [];
  for (const field of ['primary_service', 'who_serves', 'tagline', 'industry_category'] as const)
    if (t[field]) out.push({ field, text: t[field]!.replace(/[.!]+$/, '') });
  if (bundle.user.business_type) out.push({ field: 'business_type', text: bundle.user.business_type });
  return out;
}

const lower = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
/** The clause stands in the text as whole words. */
const holds = (text: string, clause: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${lower(clause).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'u',
  ).test(lower(text));

/** Every property a meta description must have; returns what is wrong. */
function descriptionProblems(bundle: DnaBundle, label: string, isHome: boolean): string[] {
  const name = businessNameOf(bundle);
  const d = pageDescription(name, label, isHome, bundle);
  const problems: string[] = [];
  if (d.length > DESCRIPTION_MAX) problems.push(`longer than ${DESCRIPTION_MAX}: ${d.length}`);
  if (!/[.!?]["”’)]?$/.test(d)) problems.push(`does not end a sentence: ${d}`);
  if (d.includes('…')) problems.push(`was cut: ${d}`);
  if (!d.includes(name)) problems.push(`does not name the business: ${d}`);
  for (const { field, text } of clauses(bundle)) {
    const words = text.split(/\s+/);
    const start = lower(words.slice(0, Math.min(4, words.length)).join(' '));
    const has = holds(d, text);
    // A clause is there whole or not at all (never "…with 50 to" for "50 to 500 employees").
    if (words.length > 4 && !has && holds(d, start)) problems.push(`cut ${field}: ${d}`);
    if (has && (field === 'tagline' || field === 'primary_service' || field === 'who_serves')) {
      if (!isSettled(bundle, field)) problems.push(`states the unsettled ${field}: ${d}`);
    }
  }
  const who = bundle.truth.who_serves;
  const city = bundle.truth.location_city;
  if (who && city && holds(d, `${phrase(who)} in ${city}`))
    problems.push(`glues the city onto who it serves: ${d}`);
  return problems;
}

describe('meta descriptions', () => {
  it('are whole sentences within 160 characters for every demo founder and page', () => {
    for (const [slug, bundle] of bundles)
      for (const label of LABELS)
        expect(descriptionProblems(bundle, label, label === 'Home'), `${slug} ${label}`).toEqual([]);
  });

  it('keep the numbers and phrases the reviewer found cut, or leave them out whole', () => {
    const software = bundles.get('software-consultancy')!;
    const d = pageDescription('Quarry Lane Software', 'Home', true, software);
    expect(d).toContain('50 to 500 employees');
    const bakery = pageDescription('Rosa & Daughters Bakery', 'Home', true, bundles.get('bakery')!);
    expect(bakery).not.toMatch(/four cafés and two…|and two$/);
    const law = pageDescription('Okafor Family Law, PLLC', 'Home', true, bundles.get('family-law')!);
    expect(law).not.toMatch(/child support or…|or$/);
  });

  it('puts the place on the business, not on the people it serves', () => {
    const yoga = bundles.get('yoga-studio')!;
    const d = pageDescription('Still Water Yoga', 'Home', true, yoga);
    expect(d).toMatch(/^Still Water Yoga in Asheville: /);
    expect(d).not.toMatch(/injury in Asheville/);
  });

  it('hold for random founders: long names, services, audiences, labels and taglines', () => {
    const base = bundles.get('bakery')!;
    // Separate vocabularies, so that a clause found in the description can only have come from its field.
    const pool = (words: string) => fc.constantFrom(...words.split(' '));
    const text = (words: string, max: number) =>
      fc.array(pool(words), { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));
    const NAME = 'Rosa Amato Bakery Plumbing & Sons PLLC, Café Ñandú Ltd.';
    const SERVICE = 'bread pastries baked fresh every day, repairs 24-hour emergency classes yoga';
    const WHO = 'neighbours landlords with 50 to 500 employees, plus four cafés and two restaurants or';
    const TAGLINE = 'Warm hearth like Nonna’s. answers night felt quiet';
    fc.assert(
      fc.property(
        text(NAME, 12),
        fc.option(text(SERVICE, 30), { nil: null }),
        fc.option(text(WHO, 30), { nil: null }),
        fc.option(text(TAGLINE, 12), { nil: null }),
        fc.option(fc.constantFrom('Providence', 'San Antonio', 'Winston-Salem'), { nil: null }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...LABELS, 'Frequently asked questions'),
        (name, service, who, tagline, city, confidence, label) => {
          const bundle: DnaBundle = {
            ...base,
            probabilities: [],
            truth: {
              ...base.truth,
              business_name: name.slice(0, 120),
              primary_service: service,
              who_serves: who,
              tagline,
              location_city: city,
              field_confidence: { tagline: confidence, who_serves: confidence, primary_service: 0.9 },
            },
          };
          expect(descriptionProblems(bundle, label, label === 'Home')).toEqual([]);
          const title = pageTitle(businessNameOf(bundle), label, label === 'Home', bundle);
          expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
          if (!isSettled(bundle, 'tagline') && tagline && tagline.length > 8)
            expect(lower(title)).not.toContain(lower(tagline.replace(/[.!]+$/, '')));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('page titles', () => {
  it('never carry an unsettled tagline, for every demo founder', () => {
    for (const [slug, bundle] of bundles) {
      const name = businessNameOf(bundle);
      const title = pageTitle(name, 'Home', true, bundle);
      expect(title.length, slug).toBeLessThanOrEqual(TITLE_MAX);
      expect(title.startsWith(name), slug).toBe(true);
      const tagline = bundle.truth.tagline?.replace(/[.!]+$/, '');
      if (tagline && !isSettled(bundle, 'tagline')) expect(lower(title), slug).not.toContain(lower(tagline));
    }
  });

  it('fall back to the name and what the business is; use the tagline once it is confirmed', () => {
    const wedding = bundles.get('wedding-photographer')!;
    const name = businessNameOf(wedding);
    expect(pageTitle(name, 'Home', true, wedding)).toBe(
      'Inés Calderón Photography · Wedding and elopement photography',
    );
    const confirmed: DnaBundle = {
      ...wedding,
      probabilities: wedding.probabilities.map((p) =>
        p.field_name === 'tagline' ? { ...p, user_confirmed: true } : p,
      ),
    };
    expect(pageTitle(name, 'Home', true, confirmed)).toBe('Inés Calderón Photography · The day as it felt');
    expect(pageDescription(name, 'Home', true, wedding)).not.toContain('The day as it felt');
  });

  it('name the page and the business on inner pages', () => {
    const bakery = bundles.get('bakery')!;
    expect(pageTitle('Rosa & Daughters Bakery', 'About', false, bakery)).toBe(
      'About · Rosa & Daughters Bakery',
    );
  });
});
