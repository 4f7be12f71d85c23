import { describe, expect, it } from 'vitest';
import { isPerUnit, priceTerms, unitOfMeasure } from '../../../generator/catalog/price-terms.ts';

/** One reading of a service's price for the services section, the JSON-LD offers and their checker. */
describe('priceTerms', () => {
  it.each([
    // [unit, item, expected]
    [null, 'Country sourdough loaf', { from: false, perUnit: false }],
    ['from', 'Heirloom album', { from: true, perUnit: false }],
    ['Starting at', 'Drain clearing', { from: true, perUnit: false }],
    ['per hour', 'Labour', { from: false, unit: 'per hour', perUnit: true }],
    ['loaf', 'Semolina bread', { from: false, unit: 'per loaf', perUnit: true }],
    ['each', 'Cannoli', { from: false, unit: 'each', perUnit: true }],
    ['from, per hour', 'Consulting', { from: true, unit: 'per hour', perUnit: true }],
    ['from, 8-inch cake', 'Celebration cake', { from: true, unit: '8-inch cake', perUnit: false }],
    ['flat fee', 'Uncontested divorce', { from: false, unit: 'flat fee', perUnit: false }],
    ['installed', 'Water heater replacement', { from: false, unit: 'installed', perUnit: false }],
    ['package', 'Elopement', { from: false, perUnit: false }],
    ['session', 'Engagement session', { from: false, perUnit: false }],
  ])('%j for %j', (unit, name, expected) => {
    expect(priceTerms({ name, price: 120, unit })).toEqual({ amount: 120, ...expected });
  });

  it('has no terms without a price, and reads 0 as free whatever the unit', () => {
    expect(priceTerms({ name: 'Mediation', price: null, unit: 'per hour' })).toBeUndefined();
    expect(priceTerms({ name: 'Mediation' })).toBeUndefined();
    expect(priceTerms({ name: 'Weekly groceries', price: 0, unit: 'from' })).toEqual({
      amount: 0,
      from: false,
      perUnit: false,
    });
  });

  it('tells rates from words about one price', () => {
    for (const u of ['per hour', 'each', 'a night', 'an hour', 'every week'])
      expect(isPerUnit(u), u).toBe(true);
    for (const u of ['flat fee', 'installed', '8-inch cake', 'apiece-ish', 'peruse'])
      expect(isPerUnit(u), u).toBe(false);
  });

  it('measures a rate in its unit', () => {
    expect(unitOfMeasure('per hour')).toBe('hour');
    expect(unitOfMeasure('per loaf')).toBe('loaf');
    expect(unitOfMeasure('a night')).toBe('night');
    expect(unitOfMeasure('each')).toBe('each');
  });
});
