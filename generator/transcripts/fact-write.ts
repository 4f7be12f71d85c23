import type { Extraction } from './extraction.ts';

/**
 * An extraction as a DNA write: the request the `dna set` write path takes
 * (`dna/write-facts.ts`): the values, each field's confidence, source and
 * actor `call_N`, and for uncertain fields their alternative readings with
 * reasoning (for `dream_dna_probability`). The write path, not this module,
 * decides what happens to a field the founder validated (kept; the
 * extraction's value becomes an alternative) and records the history.
 *
 * Classification labels are written as given (open vocabularies), with the
 * classification's confidence, and `classification_confidence` / `reasoning`
 * on `dream_dna_type`, only when the extraction has a classification. The
 * request is `writeFacts`' own shape (`dna/write-facts.ts`) without the founder.
 */
export interface FactWrite {
  source: `call_${1 | 2 | 3 | 4}`;
  actor: { kind: 'extraction'; name: string };
  values: Record<string, unknown>;
  confidence: Record<string, number>;
  readings: Record<string, { alternatives: { value: string; confidence: number }[]; reasoning: string }>;
}

export function planFactWrite(extraction: Extraction, call: number): FactWrite {
  const source = `call_${call}` as FactWrite['source'];
  const values: Record<string, unknown> = {};
  const confidence: Record<string, number> = {};
  const readings: FactWrite['readings'] = {};
  for (const f of extraction.fields) {
    values[f.field] = f.value;
    confidence[f.field] = f.confidence;
    if (f.alternatives.length)
      readings[f.field] = {
        alternatives: f.alternatives.map((a) => ({ value: a.value, confidence: a.confidence })),
        reasoning: f.alternatives.map((a) => a.reasoning).join(' '),
      };
  }
  const c = extraction.classification;
  if (c) {
    for (const label of LABELS) {
      if (!c[label]) continue;
      values[label] = c[label];
      confidence[label] = c.confidence;
    }
    // The classifier's own bookkeeping on dream_dna_type (accepted from extraction actors only).
    values.classification_confidence = c.confidence;
    values.reasoning = c.reasoning;
  }
  return { source, actor: { kind: 'extraction', name: source }, values, confidence, readings };
}

const LABELS = [
  'business_archetype',
  'secondary_archetype',
  'industry_vertical',
  'business_model_type',
] as const;
