import type { Queryable } from '../db/database.ts';
import { typeFields } from './fact-fields.ts';
import { findFounder } from './find-founder.ts';
import { factFields } from './schema.ts';

/**
 * One founder's Dream DNA as a person reviews it (`dreamseed dna show`): each
 * fact with its confidence, whether the founder validated it, and its other
 * readings; the classification; and where the current version came from.
 */
export interface FactView {
  field: string;
  value: unknown;
  confidence: number | null;
  validated: boolean;
  /** The readings in dream_dna_probability, when the field has any. */
  readings: {
    primary: string | null;
    primary_confidence: number | null;
    alternatives: { reading: string; confidence: number | null }[];
    user_confirmed: boolean | null;
    user_selected: string | null;
    reasoning: string | null;
  } | null;
}

export interface DnaView {
  founder: { id: string; slug: string };
  truth: {
    version: number;
    extraction_source: string | null;
    validated_by_user: boolean;
    updated_by: string | null;
    updated_at: Date;
    confidence_score: number | null;
  } | null;
  facts: FactView[];
  type: { field: string; value: unknown; validated: boolean }[];
  classification_confidence: number | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function showFacts(tx: Queryable, idOrSlug: string): Promise<DnaView> {
  const founder = await findFounder(tx, idOrSlug);
  const [truth] = await tx.query<Record<string, unknown>>(
    'select * from public.dream_dna_truth where user_id = $1',
    [founder.id],
  );
  const [type] = await tx.query<Record<string, unknown>>(
    'select * from public.dream_dna_type where user_id = $1',
    [founder.id],
  );
  const readings = await tx.query<Record<string, unknown>>(
    'select * from public.dream_dna_probability where user_id = $1 order by field_name',
    [founder.id],
  );
  const byField = new Map(readings.map((r) => [String(r.field_name), r]));
  const confidence = (truth?.field_confidence ?? {}) as Record<string, number>;
  const validated = new Set((truth?.validated_fields as string[] | undefined) ?? []);
  const facts: FactView[] = factFields.map((field) => {
    const r = byField.get(field);
    return {
      field,
      value: truth?.[field] ?? null,
      confidence: confidence[field] ?? null,
      validated: validated.has(field),
      readings: r
        ? {
            primary: (r.primary_interpretation as string | null) ?? null,
            primary_confidence: num(r.primary_confidence),
            alternatives: ([1, 2, 3] as const)
              .filter((n) => r[`alternative_${n}`])
              .map((n) => ({
                reading: String(r[`alternative_${n}`]),
                confidence: num(r[`alternative_${n}_confidence`]),
              })),
            user_confirmed: (r.user_confirmed as boolean | null) ?? null,
            user_selected: (r.user_selected as string | null) ?? null,
            reasoning: (r.reasoning as string | null) ?? null,
          }
        : null,
    };
  });
  const typeValidated = new Set((type?.validated_fields as string[] | undefined) ?? []);
  return {
    founder: { id: founder.id, slug: founder.slug },
    truth: truth
      ? {
          version: Number(truth.version),
          extraction_source: (truth.extraction_source as string | null) ?? null,
          validated_by_user: Boolean(truth.validated_by_user),
          updated_by: (truth.updated_by as string | null) ?? null,
          updated_at: truth.updated_at as Date,
          confidence_score: num(truth.confidence_score),
        }
      : null,
    facts,
    type: typeFields.map((field) => ({
      field,
      value: type?.[field] ?? null,
      validated: typeValidated.has(field),
    })),
    classification_confidence: num(type?.classification_confidence),
  };
}
