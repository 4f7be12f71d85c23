import { describe, expect, it } from 'vitest';
import jsonldCheck, { checkJsonLd, dnaFacts } from '../../../../generator/score/checks/jsonld.ts';
import { homeJsonLd } from '../../../../generator/site/json-ld.ts';
import { demoBundles } from '../../../helpers/demo.ts';
import { pageVisit } from '../../../helpers/page-visit.ts';

/**
 * JSON-LD states only DNA facts: the checker must catch what it exists for and
 * pass what the generator produces; the check words each problem as the gate
 * lists it, and says so when there was no DNA to check the facts against.
 */
const bundles = await demoBundles();
const bakery = bundles.get('bakery')!;

describe('JSON-LD states only DNA facts', () => {
  const origin = 'https://bakery.dreamseed.site';

  it('passes the generator’s own JSON-LD for every demo founder', () => {
    for (const [slug, bundle] of bundles) {
      const url = `https://${slug}.dreamseed.site/`;
      const data = homeJsonLd(
        bundle,
        bundle.truth.business_name ?? bundle.user.business_name ?? slug,
        url,
        `${url}_img/logo.webp`,
      );
      const report = checkJsonLd([{ page: '/', text: JSON.stringify(data) }], {
        bundle,
        siteOrigins: [new URL(url).origin],
      });
      expect(report.invented, slug).toEqual([]);
      expect(report.invalid, slug).toEqual([]);
    }
  });

  it('names a value the DNA does not hold, a foreign URL, and a block that does not parse', () => {
    const data = {
      '@context': 'https://schema.org',
      '@type': 'Bakery',
      name: bakery.truth.business_name,
      telephone: '+1 555 0000',
      aggregateRating: { '@type': 'AggregateRating', ratingValue: 4.9 },
      sameAs: ['https://example.org/rosa'],
    };
    const report = checkJsonLd(
      [
        { page: '/', text: JSON.stringify(data) },
        { page: '/about/', text: '{"@context": "https://schema.org", ' },
      ],
      { bundle: bakery, siteOrigins: [origin] },
    );
    expect(report.invented.map((i) => i.path).sort()).toEqual([
      '$.aggregateRating.ratingValue',
      '$.sameAs[0]',
      '$.telephone',
    ]);
    expect(report.invalid).toHaveLength(1);
    expect(report.invalid[0]!.reason).toMatch(/does not parse/);
  });

  it('without DNA checks structure only, and says so', () => {
    const report = checkJsonLd(
      [{ page: '/', text: '{"@context":"https://schema.org","@type":"Thing","name":"X"}' }],
      {
        bundle: null,
        siteOrigins: [origin],
      },
    );
    expect(report).toMatchObject({ dna_checked: false, invented: [], invalid: [] });
  });

  it('names offers that state a price otherwise than the DNA (the old flattened shape among them)', () => {
    const plumber = bundles.get('emergency-plumber')!;
    const offer = (name: string, fields: Record<string, unknown>) => ({ '@type': 'Offer', name, ...fields });
    const data = {
      '@context': 'https://schema.org',
      '@type': 'Plumber',
      name: plumber.truth.business_name,
      makesOffer: [
        // "from" $185 stated as an exact price; "$140 per hour" without its unit.
        offer('Drain clearing', { price: '185', priceCurrency: 'USD' }),
        offer('Labour after the first thirty minutes', { price: '140', priceCurrency: 'USD' }),
        // A minimum the DNA does not give, a unit it does not say, a price it has none for, no currency.
        offer('Emergency call-out', {
          priceCurrency: 'USD',
          priceSpecification: { '@type': 'PriceSpecification', priceCurrency: 'USD', minPrice: '175' },
        }),
        offer('Water heater replacement', {
          priceCurrency: 'USD',
          priceSpecification: {
            '@type': 'UnitPriceSpecification',
            priceCurrency: 'USD',
            price: '1450',
            unitText: 'day',
          },
        }),
        offer('Burst pipe repair', { price: '175', priceCurrency: 'USD' }),
        offer('Water heater replacement', { price: '1450' }),
      ],
    };
    const report = checkJsonLd([{ page: '/', text: JSON.stringify(data) }], {
      bundle: plumber,
      siteOrigins: ['https://emergency-plumber.dreamseed.site'],
    });
    const said = report.invented.map((i) => `${i.path} ${i.reason}`);
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\$\.makesOffer\[0\]\.price states an exact price; .* starting price \("from"\)/,
        ),
        expect.stringMatching(/^\$\.makesOffer\[1\]\.price states a price without its unit; .*"per hour"/),
        expect.stringMatching(/^\$\.makesOffer\[2\]\.priceSpecification\.minPrice states a starting price/),
        '$.makesOffer[3].priceSpecification.unitText is not in the Dream DNA',
        expect.stringMatching(/^\$\.makesOffer\[3\]\.priceSpecification\.unitText states a price per unit/),
        expect.stringMatching(
          /^\$\.makesOffer\[4\]\.price gives a price for "Burst pipe repair"; the Dream DNA has none/,
        ),
      ]),
    );
    expect(said).toHaveLength(6);
    expect(report.invalid.map((i) => i.path)).toEqual(['$.makesOffer[5].priceCurrency']);
  });

  it('names a price that is not the DNA’s, even when the amount is another service’s', () => {
    const wedding = bundles.get('wedding-photographer')!;
    const data = {
      '@context': 'https://schema.org',
      '@type': 'ProfessionalService',
      name: wedding.truth.business_name,
      makesOffer: {
        '@type': 'Offer',
        name: 'Heirloom album',
        priceCurrency: 'USD',
        priceSpecification: { '@type': 'PriceSpecification', priceCurrency: 'USD', minPrice: '650' },
      },
    };
    const report = checkJsonLd([{ page: '/', text: JSON.stringify(data) }], {
      bundle: wedding,
      siteOrigins: ['https://wedding-photographer.dreamseed.site'],
    });
    expect(report.invented.map((i) => `${i.path} ${i.value}`)).toEqual([
      '$.makesOffer.priceSpecification.minPrice 650',
    ]);
  });

  it('accepts a rate’s unit of measure read from the DNA ("per hour" → "hour"), and no made-up one', () => {
    const facts = dnaFacts(bundles.get('emergency-plumber')!);
    expect(facts.has('hour')).toBe(true);
    expect(facts.has('day')).toBe(false);
  });

  it('treats numbers from the DNA as facts in their text form', () => {
    const facts = dnaFacts(bakery);
    for (const s of bakery.truth.services ?? [])
      if (typeof s.price === 'number') expect(facts.has(String(s.price))).toBe(true);
  });
});

describe('the jsonld check', () => {
  const data = { '@context': 'https://schema.org', '@type': 'Bakery', name: bakery.truth.business_name };
  const visits = (extra: Record<string, unknown>) => [
    pageVisit('/', [], [], [], { jsonLd: [JSON.stringify({ ...data, ...extra })] }),
    // The desktop visit carries no inventory: its blocks are not read twice.
    pageVisit('/', [], [], [], { viewport: 'desktop', jsonLd: ['{'] }),
  ];

  it('words an invented value as the gate lists it, on the canonical origin', async () => {
    const result = await jsonldCheck.run({
      visits: visits({ telephone: '+1 555 0000', url: 'https://shop.dreamseed.site/' }),
      bundle: bakery,
    });
    expect(result.findings).toEqual([
      {
        id: 'invented',
        severity: 'error',
        page: '/',
        message: 'JSON-LD on /: $.telephone = "+1 555 0000" is not in the Dream DNA',
      },
    ]);
    expect(result.lines[0]).toMatchObject({
      pass: false,
      text: 'JSON-LD: 1 blocks, 0 invalid, 1 values not in the DNA',
    });
  });

  it('passes without DNA but warns, blocking nothing, that the facts were not checked', async () => {
    const result = await jsonldCheck.run({ visits: visits({ telephone: '+1 555 0000' }), bundle: null });
    expect(result.findings.map((f) => [f.id, f.severity])).toEqual([['facts-unchecked', 'warning']]);
    expect(result.lines[0]!.text).toMatch(/facts NOT checked/);
  });
});
