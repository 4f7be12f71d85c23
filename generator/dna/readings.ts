import type { Queryable } from '../db/database.ts';

/**
 * The readings of one fact in `dream_dna_probability` (a primary and up to
 * three alternatives, with confidences): the founder settling a field, and an
 * extraction's conflicting reading of a field the founder validated, kept as
 * an alternative rather than written over the founder's value.
 */
const SLOTS = [1, 2, 3] as const;

interface ReadingRow {
  id: string;
  primary_interpretation: string | null;
  alternative_1: string | null;
  alternative_1_confidence: string | number | null;
  alternative_2: string | null;
  alternative_2_confidence: string | number | null;
  alternative_3: string | null;
  alternative_3_confidence: string | number | null;
}

/** How a value reads as an interpretation: text as it is, anything else as JSON. */
export function readingText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const same = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The founder set or confirmed these fields: their readings (where the field has
 * any) are settled, naming the reading the founder's value matches, if one does.
 */
export async function confirmReadings(
  tx: Queryable,
  userId: string,
  values: Record<string, unknown>,
): Promise<number> {
  let confirmed = 0;
  for (const [field, value] of Object.entries(values)) {
    const [row] = await tx.query<ReadingRow>(
      'select * from public.dream_dna_probability where user_id = $1 and field_name = $2',
      [userId, field],
    );
    if (!row) continue;
    const text = readingText(value);
    const selected = same(row.primary_interpretation, text)
      ? 'primary'
      : (SLOTS.map((n) => `alternative_${n}` as const).find((k) => same(row[k], text)) ?? null);
    await tx.query(
      `update public.dream_dna_probability
          set user_confirmed = true, user_selected = $2, confirmed_at = now()
        where id = $1`,
      [row.id, selected],
    );
    confirmed++;
  }
  return confirmed;
}

/**
 * An extraction read `reading` for a field whose value (`current`) the founder
 * validated: keep it as an alternative reading. The same reading again only
 * raises its confidence; a new one takes a free slot, else the least likely one.
 */
export async function addAlternativeReading(
  tx: Queryable,
  input: {
    userId: string;
    field: string;
    current: unknown;
    reading: unknown;
    confidence: number | null;
    source: string;
  },
): Promise<void> {
  const reading = readingText(input.reading);
  if (reading === null) return;
  const [row] = await tx.query<ReadingRow>(
    'select * from public.dream_dna_probability where user_id = $1 and field_name = $2 for update',
    [input.userId, input.field],
  );
  if (!row) {
    await tx.query(
      `insert into public.dream_dna_probability
         (user_id, field_name, primary_interpretation, primary_confidence, alternative_1, alternative_1_confidence,
          reasoning, user_confirmed, user_selected, confirmed_at)
       values ($1, $2, $3, 1, $4, $5, $6, true, 'primary', now())`,
      [
        input.userId,
        input.field,
        readingText(input.current),
        reading,
        input.confidence,
        `${input.source} gave a different value; the founder's validated value stays.`,
      ],
    );
    return;
  }
  const confidenceOf = (n: 1 | 2 | 3) => Number(row[`alternative_${n}_confidence`] ?? 0);
  if (same(row.primary_interpretation, reading)) return;
  const existing = SLOTS.find((n) => same(row[`alternative_${n}`], reading));
  if (existing) {
    if (input.confidence !== null && input.confidence > confidenceOf(existing)) {
      await tx.query(
        `update public.dream_dna_probability set alternative_${existing}_confidence = $2 where id = $1`,
        [row.id, input.confidence],
      );
    }
    return;
  }
  const slot =
    SLOTS.find((n) => !row[`alternative_${n}`]?.trim()) ??
    [...SLOTS].sort((a, b) => confidenceOf(a) - confidenceOf(b))[0]!;
  await tx.query(
    `update public.dream_dna_probability
        set alternative_${slot} = $2, alternative_${slot}_confidence = $3
      where id = $1`,
    [row.id, reading, input.confidence],
  );
}

/**
 * An extraction's readings of a field it writes: the written value as the
 * primary interpretation with its confidence, up to three alternatives, and
 * the reasoning. Replaces the extraction's earlier readings of the field; the
 * founder has not confirmed the new ones.
 */
export async function recordReadings(
  tx: Queryable,
  input: {
    userId: string;
    field: string;
    primary: unknown;
    primaryConfidence: number | null;
    alternatives: readonly { value: string; confidence: number | null }[];
    reasoning: string | null;
  },
): Promise<void> {
  const alt = (n: 0 | 1 | 2) => input.alternatives[n] ?? { value: null, confidence: null };
  await tx.query(
    `insert into public.dream_dna_probability
       (user_id, field_name, primary_interpretation, primary_confidence,
        alternative_1, alternative_1_confidence, alternative_2, alternative_2_confidence,
        alternative_3, alternative_3_confidence, reasoning, user_confirmed, user_selected, confirmed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, null, null, null)
     on conflict (user_id, field_name) do update set
       primary_interpretation = excluded.primary_interpretation, primary_confidence = excluded.primary_confidence,
       alternative_1 = excluded.alternative_1, alternative_1_confidence = excluded.alternative_1_confidence,
       alternative_2 = excluded.alternative_2, alternative_2_confidence = excluded.alternative_2_confidence,
       alternative_3 = excluded.alternative_3, alternative_3_confidence = excluded.alternative_3_confidence,
       reasoning = excluded.reasoning, user_confirmed = null, user_selected = null, confirmed_at = null`,
    [
      input.userId,
      input.field,
      readingText(input.primary),
      input.primaryConfidence,
      alt(0).value,
      alt(0).confidence,
      alt(1).value,
      alt(1).confidence,
      alt(2).value,
      alt(2).confidence,
      input.reasoning,
    ],
  );
}
