import type { SectionDefinition } from '../catalog/define-section.ts';
import type { DnaBundle, FactField } from '../dna/schema.ts';

/**
 * Alternative readings. Where the DNA is unsure of a text field (its confidence
 * is below the threshold and the founder has not confirmed or corrected it),
 * `dream_dna_probability` holds up to three other readings of what the founder
 * meant. A section that reads such a field is also written with each of those
 * readings, and the results are stored with the section for the founder to
 * choose from.
 */
export const LOW_CONFIDENCE = 0.7;
export const MAX_ALTERNATIVES = 3;

export interface AlternativeReading {
  /** `<field>:alternative_<n>`, stable across runs. */
  id: string;
  field: FactField;
  reading: string;
  confidence: number | null;
  /** The DNA with this reading in place of the field's value. */
  bundle: DnaBundle;
}

/** What is stored in `website_sections.alternatives`: one written alternative. */
export interface StoredAlternative {
  id: string;
  field: string;
  reading: string;
  confidence: number | null;
  content: unknown;
  writer: string;
  model: string | null;
}

export function alternativeReadings(
  section: SectionDefinition,
  bundle: DnaBundle,
  options: { threshold?: number; max?: number } = {},
): AlternativeReading[] {
  const threshold = options.threshold ?? LOW_CONFIDENCE;
  const max = options.max ?? MAX_ALTERNATIVES;
  if (max <= 0) return [];
  const out: AlternativeReading[] = [];
  for (const row of bundle.probabilities) {
    const field = row.field_name as FactField;
    if (!section.reads.includes(field)) continue;
    // The founder already said which reading is right.
    if (row.user_confirmed === true || row.user_confirmed === false) continue;
    const current = bundle.truth[field];
    if (typeof current !== 'string' || !current.trim()) continue;
    const confidence = bundle.truth.field_confidence?.[field] ?? row.primary_confidence ?? null;
    if (confidence === null || confidence >= threshold) continue;
    const seen = new Set([normalise(current)]);
    for (const n of [1, 2, 3] as const) {
      const reading = row[`alternative_${n}`];
      if (!reading?.trim() || seen.has(normalise(reading))) continue;
      seen.add(normalise(reading));
      out.push({
        id: `${field}:alternative_${n}`,
        field,
        reading: reading.trim(),
        confidence: row[`alternative_${n}_confidence`] ?? null,
        bundle: { ...bundle, truth: { ...bundle.truth, [field]: reading.trim() } },
      });
    }
  }
  return out
    .sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || a.id.localeCompare(b.id))
    .slice(0, max);
}

function normalise(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}
