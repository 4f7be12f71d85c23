import { expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { alternativeReadings } from '../../../generator/content/alternatives.ts';
import type { DnaBundle } from '../../../generator/dna/schema.ts';
import { demoBundles } from '../../helpers/demo.ts';

/** Alternative readings: only for unsure, unconfirmed text facts a section reads. */
const catalog = await loadCatalog();
const bundles = await demoBundles();
const section = (type: string) => catalog.sections.get(type)!;

it('an unsure fact (who_serves at 0.62, not yet asked) yields its three other readings, most likely first', () => {
  const bakery = bundles.get('bakery')!;
  const readings = alternativeReadings(section('who_serves'), bakery);
  expect(readings.map((r) => [r.id, r.confidence])).toEqual([
    ['who_serves:alternative_1', 0.2],
    ['who_serves:alternative_2', 0.1],
    ['who_serves:alternative_3', 0.08],
  ]);
  for (const r of readings) {
    expect(r.bundle.truth.who_serves).toBe(r.reading);
    // Everything else is the founder's DNA as it is.
    expect({ ...r.bundle.truth, who_serves: null }).toEqual({ ...bakery.truth, who_serves: null });
  }
  expect(alternativeReadings(section('who_serves'), bakery, { max: 1 })).toHaveLength(1);
  expect(alternativeReadings(section('who_serves'), bakery, { max: 0 })).toEqual([]);
});

it('none for a section that does not read the fact, a confident fact, or one the founder confirmed or corrected', () => {
  const bakery = bundles.get('bakery')!;
  expect(alternativeReadings(section('faq'), bakery)).toEqual([]);
  // tagline: confirmed by the founder (user_confirmed true).
  expect(alternativeReadings(section('hero'), bakery).every((r) => r.field === 'who_serves')).toBe(true);
  const confident: DnaBundle = {
    ...bakery,
    truth: { ...bakery.truth, field_confidence: { ...bakery.truth.field_confidence, who_serves: 0.9 } },
  };
  expect(alternativeReadings(section('who_serves'), confident)).toEqual([]);
  // emergency-plumber: business_name was rejected in favour of an alternative (user_confirmed false).
  const plumber = bundles.get('emergency-plumber')!;
  expect(alternativeReadings(section('hero'), plumber).some((r) => r.field === 'business_name')).toBe(false);
});
