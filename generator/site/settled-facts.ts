import { LOW_CONFIDENCE } from '../content/alternatives.ts';
import type { DnaBundle, DnaTruth, FactField } from '../dna/schema.ts';

/**
 * Facts the page metadata (title, meta description, JSON-LD) may state. The
 * sections go through the founder's approval, with alternative copies where a
 * fact is unsure; the metadata does not, so it states a fact only when it is
 * settled: the founder confirmed or corrected it in `dream_dna_probability`,
 * or its confidence meets the bar below which the writers offer alternatives
 * (`LOW_CONFIDENCE`), or no confidence was recorded for it.
 */
export function isSettled(bundle: DnaBundle, field: FactField): boolean {
  const row = bundle.probabilities.find((p) => p.field_name === field);
  if (row?.user_confirmed === true || row?.user_confirmed === false) return true;
  const confidence = bundle.truth.field_confidence?.[field] ?? row?.primary_confidence ?? null;
  return confidence === null || confidence >= LOW_CONFIDENCE;
}

/** The field's value when it is settled and given; undefined otherwise. */
export function settledFact<F extends FactField>(
  bundle: DnaBundle,
  field: F,
): NonNullable<DnaTruth[F]> | undefined {
  const value = bundle.truth[field];
  if (value === null || value === undefined) return undefined;
  return isSettled(bundle, field) ? (value as NonNullable<DnaTruth[F]>) : undefined;
}
