import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DnaBundle } from '../../../generator/dna/schema.ts';
import { offerProblems } from '../../../generator/score/checks/jsonld.ts';
import { homeJsonLd, offerOf } from '../../../generator/site/json-ld.ts';
import { isSettled } from '../../../generator/site/settled-facts.ts';
import { demoBundles } from '../../helpers/demo.ts';

/**
 * The home page's JSON-LD says what the page says: a "from" price is a
 * minimum, a per-unit price keeps its unit, an exact price only for an exact
 * one, always with the currency; an unconfirmed tagline is not its slogan.
 */
const bundles = await demoBundles();
type Json = Record<string, unknown>;

function jsonLd(slug: string, bundle: DnaBundle = bundles.get(slug)!): Json {
  const url = `https://${slug}.dreamseed.site/`;
  return homeJsonLd(bundle, bundle.truth.business_name ?? slug, url, null);
}

function offers(data: Json): Json[] {
  return (data.makesOffer as Json[] | undefined) ?? [];
}

/** How the founder's raw unit words price the service, read independently of the generator. */
function expectedFromDna(unit: string | null | undefined): { from: boolean; perHourish: boolean } {
  const u = (unit ?? '').trim().toLowerCase();
  return { from: /^(from|starting)\b/.test(u), perHourish: /^(from,?\s*)?per\b/.test(u) };
}

describe('JSON-LD offers', () => {
  it('match the DNA’s price semantics for every priced service of every demo founder', () => {
    for (const [slug, bundle] of bundles) {
      const data = jsonLd(slug);
      const priced = (bundle.truth.services ?? []).filter((s) => typeof s.price === 'number');
      expect(
        offers(data).map((o) => o.name),
        slug,
      ).toEqual(priced.map((s) => s.name));
      for (const [i, service] of priced.entries()) {
        const offer = offers(data)[i]!;
        const spec = offer.priceSpecification as Json | undefined;
        const where = `${slug}: ${service.name}`;
        const currency = bundle.truth.currency ?? 'USD';
        expect(offer.priceCurrency, where).toBe(currency);
        if (spec) expect(spec.priceCurrency, where).toBe(currency);
        const { from, perHourish } = expectedFromDna(service.unit);
        if (from) {
          expect(offer.price, where).toBeUndefined();
          expect(spec?.price, where).toBeUndefined();
          expect(spec?.minPrice, where).toBe(String(service.price));
        } else {
          expect(spec?.minPrice, where).toBeUndefined();
          expect(offer.price ?? spec?.price, where).toBe(String(service.price));
        }
        if (perHourish) {
          expect(spec?.['@type'], where).toBe('UnitPriceSpecification');
          expect(typeof spec?.unitText, where).toBe('string');
        }
        if (!from && !service.unit) {
          expect(offer.price, where).toBe(String(service.price));
          expect(spec, where).toBeUndefined();
        }
        expect(offerProblems(offer, '$', bundle.truth.services ?? []), where).toEqual([]);
      }
    }
  });

  it('states the wedding photographer’s "From $900" album as a minimum price', () => {
    const album = offers(jsonLd('wedding-photographer')).find((o) => o.name === 'Heirloom album');
    expect(album).toEqual({
      '@type': 'Offer',
      name: 'Heirloom album',
      priceCurrency: 'USD',
      priceSpecification: { '@type': 'PriceSpecification', priceCurrency: 'USD', minPrice: '900' },
    });
  });

  it('states the plumber’s "$140 per hour" labour as a unit price, and "From $185" as a minimum', () => {
    const all = offers(jsonLd('emergency-plumber'));
    expect(all.find((o) => o.name === 'Labour after the first thirty minutes')).toEqual({
      '@type': 'Offer',
      name: 'Labour after the first thirty minutes',
      priceCurrency: 'USD',
      priceSpecification: {
        '@type': 'UnitPriceSpecification',
        priceCurrency: 'USD',
        price: '140',
        unitText: 'hour',
      },
    });
    expect(all.find((o) => o.name === 'Drain clearing')?.priceSpecification).toMatchObject({
      minPrice: '185',
    });
    expect(all.find((o) => o.name === 'Water heater replacement')).toMatchObject({ price: '1450' });
  });

  it('for any price and unit: a minimum iff "from", an exact price otherwise, always a currency', () => {
    const units = fc.constantFrom(
      null,
      'from',
      'Starting at',
      'per hour',
      'from, per hour',
      'hour',
      'each',
      'flat fee',
      'installed',
      'from, 8-inch cake',
      'package',
      'per night',
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        units,
        fc.constantFrom('EUR', 'USD', 'JPY'),
        (price, unit, currency) => {
          const service = { name: 'Something offered', price, unit };
          const offer = offerOf(service, currency)!;
          const spec = offer.priceSpecification as Json | undefined;
          expect(offer.priceCurrency).toBe(currency);
          const from = price !== 0 && expectedFromDna(unit).from;
          expect(spec?.minPrice !== undefined).toBe(from);
          expect(offer.price !== undefined || spec?.price !== undefined).toBe(!from);
          expect(offerProblems(offer, '$', [service])).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves services without a price out', () => {
    const names = offers(jsonLd('family-law')).map((o) => o.name);
    expect(names).not.toContain('Mediation');
    expect(offers(jsonLd('food-bank'))).toEqual([]);
  });
});

describe('JSON-LD facts', () => {
  it('gives a slogan only for a settled tagline', () => {
    for (const [slug, bundle] of bundles) {
      const data = jsonLd(slug);
      if (bundle.truth.tagline && isSettled(bundle, 'tagline'))
        expect(data.slogan, slug).toBe(bundle.truth.tagline);
      else expect(data.slogan, slug).toBeUndefined();
    }
    expect(jsonLd('wedding-photographer').slogan).toBeUndefined();
    expect(jsonLd('bakery').slogan).toBe("Baked this morning, like Nonna's.");
  });

  it('states no unsettled fact (service area, founding year) outside the founder’s approval', () => {
    const plumber = jsonLd('emergency-plumber');
    expect(plumber.areaServed).toBeUndefined(); // 0.62, alternatives pending
    expect(plumber.foundingDate).toBeUndefined(); // 0.6: 2016 or 2004
    expect(plumber.telephone).toBe('(614) 555-0188');
    expect(jsonLd('bakery').areaServed).toBe(bundles.get('bakery')!.truth.service_area);
  });
});
