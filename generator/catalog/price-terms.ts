import type { z } from 'zod';
import type { serviceSchema } from '../dna/schema.ts';
import { priceUnit } from './section-kit.ts';

/**
 * What a service's price means, read one way for every place that states it:
 * the services section ("$140 per hour", "From $185"), the JSON-LD offers and
 * the JSON-LD checker. The unit is read by `priceUnit` (shared with the pricing
 * section); this adds whether that unit makes the amount a rate ("per hour",
 * "each") rather than a word about one price ("flat fee", "installed",
 * "8-inch cake"). Nothing is added to the founder's words.
 */
export type Service = z.infer<typeof serviceSchema>;

export interface PriceTerms {
  amount: number;
  /** The founder said "from": the amount is a starting price, not the price. */
  from: boolean;
  /** The unit as shown beside the price ("per hour", "flat fee"); absent when it only restates the price or the item. */
  unit?: string;
  /** The unit makes the amount a price per unit ("per hour", "per loaf", "each"). */
  perUnit: boolean;
}

/** Unit wording that makes an amount a price per unit: "per hour", "each", "a night", "every week". */
export function isPerUnit(unit: string): boolean {
  return /^(per|each|a|an|every)\b/i.test(unit);
}

/** The terms of a service's price; undefined when the founder gave no price. A price of 0 is "Free", whatever its unit. */
export function priceTerms(service: Service): PriceTerms | undefined {
  const amount = service.price;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return undefined;
  if (amount === 0) return { amount, from: false, perUnit: false };
  const { from, unit } = priceUnit(service.unit, service.name);
  return unit ? { amount, from, unit, perUnit: isPerUnit(unit) } : { amount, from, perUnit: false };
}

/** The unit a rate is measured in, as schema.org's `unitText` wants it: "per hour" → "hour", "each" → "each". */
export function unitOfMeasure(unit: string): string {
  return unit.replace(/^(per|a|an|every)\s+/i, '').trim() || unit;
}
