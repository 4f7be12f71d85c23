import type { Database, Queryable } from '../db/database.ts';
import { asFounder, asService } from '../db/roles.ts';
import { errors } from '../errors.ts';
import { fieldInfo, isClassifierField, validateFacts } from './fact-fields.ts';
import { findFounder } from './find-founder.ts';
import { addAlternativeReading, confirmReadings, recordReadings } from './readings.ts';
import type { extractionSources } from './schema.ts';

/**
 * The one write path for Dream DNA facts (`dream_dna_truth`, and
 * `dream_dna_type` for the classification fields): `dreamseed dna set`, the
 * studio and the transcript extraction all write through it. Values are
 * validated field by field with the DNA schemas; the write goes through the
 * truth's versioning and history triggers, and the change-capture triggers
 * request a build of the founder's site.
 *
 * Two kinds of writer:
 * - the founder (`dna set`, the studio): their values are validated by the
 *   user: `field_confidence` 1, the field added to `validated_fields`, the
 *   version marked `validated_by_user` with the given source (normally
 *   `manual_input`), and the field's readings in `dream_dna_probability`
 *   settled (`user_confirmed`). Runs as the founder's auth user (so RLS applies
 *   and the history names them), or as the operator when the founder has no
 *   sign-in yet (`actedAs: 'operator'`).
 * - an extraction (`call_1`…`call_4`, `import`, `domain_selection`): runs as
 *   the service role, named in the history by its actor name (the
 *   `dreamseed.actor` setting, migration 20261201000300); writes its values
 *   with their confidence (and, given `readings`, the field's other readings
 *   with the reasoning), except that a field the founder validated is never
 *   overwritten: a different value becomes an alternative reading in
 *   `dream_dna_probability` instead. It may also set the classifier's
 *   `classification_confidence` and `reasoning`, which people do not set.
 */
export type ExtractionSource = (typeof extractionSources)[number];

export type FactActor = { kind: 'founder' } | { kind: 'extraction'; name: string };

export interface FactWriteRequest {
  /** The founder, by user id or slug. */
  user: string;
  /** Field → value, as the DNA schemas read them (see fact-fields.ts; null clears a field). */
  values: Record<string, unknown>;
  source: ExtractionSource;
  actor: FactActor;
  /** An extraction's confidence per field (0–1). The founder's values have confidence 1. */
  confidence?: Record<string, number> | undefined;
  /** An extraction's other readings of fields it writes (dream_dna_probability), up to three each. */
  readings?: Record<string, FieldReadings> | undefined;
}

export interface FieldReadings {
  alternatives: { value: string; confidence: number | null }[];
  reasoning?: string | null | undefined;
}

export interface FactWriteResult {
  user: { id: string; slug: string };
  /** Who the database recorded as the writer. */
  actedAs: 'founder' | 'operator' | 'service';
  /** Fields whose value changed. */
  written: string[];
  /** Fields given with the value they already had (the founder's: now validated). */
  unchanged: string[];
  /** An extraction's values for fields the founder validated, kept as alternative readings. */
  alternatives: { field: string; value: unknown }[];
  /** The truth row's version after the write (null: the founder has none). */
  version: number | null;
}

interface Plan {
  userId: string;
  values: Record<string, unknown>;
  source: ExtractionSource;
  validated: boolean;
  confidence: Record<string, number>;
  readings: Record<string, FieldReadings>;
  /** Named in the history (dreamseed.actor) when the write is not the signed-in founder's. */
  actor: string;
}

export async function writeFacts(db: Database, request: FactWriteRequest): Promise<FactWriteResult> {
  const values = validateFacts(request.values);
  if (!Object.keys(values).length) throw errors.usage('Give at least one FIELD=VALUE to set.');
  const classifier = Object.keys(values).filter(isClassifierField);
  if (request.actor.kind === 'founder' && classifier.length)
    throw errors.invalidInput(
      'The DNA change',
      classifier.map((f) => `${f}: is the classifier's own record, not set by hand`),
      'Leave it out; set the classification fields themselves (business_archetype…).',
    );
  const confidence = validateConfidence(request.confidence ?? {}, values);
  const readings = validateReadings(request.readings ?? {}, values, request.actor.kind);
  const founder = await asService(db, async (tx) => {
    const f = await findFounder(tx, request.user);
    if ('preferred_template_id' in values && values.preferred_template_id !== null)
      await assertTemplate(tx, String(values.preferred_template_id));
    if ('business_archetype' in values || 'secondary_archetype' in values)
      await assertArchetypes(tx, f.id, values);
    // Founders may update their classification row but not create it: an empty one is bookkeeping.
    if (Object.keys(values).some((k) => fieldInfo(k)?.table === 'dream_dna_type'))
      await tx.query(
        `insert into public.dream_dna_type (user_id) select $1
          where not exists (select 1 from public.dream_dna_type where user_id = $1)`,
        [f.id],
      );
    return f;
  });
  const plan: Plan = {
    userId: founder.id,
    values,
    source: request.source,
    validated: request.actor.kind === 'founder',
    confidence,
    readings,
    actor: request.actor.kind === 'founder' ? 'operator' : request.actor.name,
  };
  const run = (tx: Queryable) => writeFactsIn(tx, plan);
  let actedAs: FactWriteResult['actedAs'] = 'service';
  let outcome: Omit<FactWriteResult, 'user' | 'actedAs'>;
  if (request.actor.kind === 'founder' && founder.auth_user_id) {
    actedAs = 'founder';
    outcome = await asFounder(db, founder.auth_user_id, run);
  } else {
    if (request.actor.kind === 'founder') actedAs = 'operator';
    outcome = await asService(db, run);
  }
  return { user: { id: founder.id, slug: founder.slug }, actedAs, ...outcome };
}

/** The write itself, in the caller's transaction (and role). */
export async function writeFactsIn(
  tx: Queryable,
  plan: Plan,
): Promise<Omit<FactWriteResult, 'user' | 'actedAs'>> {
  const result = {
    written: [] as string[],
    unchanged: [] as string[],
    alternatives: [] as FactWriteResult['alternatives'],
  };
  // A signed-in founder is named by auth.uid() whatever this says (request_actor()).
  await tx.query(`select set_config('dreamseed.actor', $1, true)`, [plan.actor]);
  for (const table of ['dream_dna_truth', 'dream_dna_type'] as const) {
    const values = Object.fromEntries(
      Object.entries(plan.values).filter(([field]) => fieldInfo(field)?.table === table),
    );
    if (Object.keys(values).length) await writeTable(tx, table, values, plan, result);
  }
  if (plan.validated) {
    const truthValues = Object.fromEntries(
      Object.entries(plan.values).filter(([field]) => fieldInfo(field)?.table === 'dream_dna_truth'),
    );
    await confirmReadings(tx, plan.userId, truthValues);
  }
  const [row] = await tx.query<{ version: number }>(
    'select version from public.dream_dna_truth where user_id = $1',
    [plan.userId],
  );
  return { ...result, version: row?.version ?? null };
}

async function writeTable(
  tx: Queryable,
  table: 'dream_dna_truth' | 'dream_dna_type',
  values: Record<string, unknown>,
  plan: Plan,
  result: Pick<FactWriteResult, 'written' | 'unchanged' | 'alternatives'>,
): Promise<void> {
  const [current] = await tx.query<Record<string, unknown>>(
    `select * from public.${table} where user_id = $1 for update`,
    [plan.userId],
  );
  const validatedBefore = new Set((current?.validated_fields as string[] | undefined) ?? []);
  const fieldConfidence = { ...((current?.field_confidence as Record<string, number> | undefined) ?? {}) };
  const validatedAfter = new Set(validatedBefore);
  const set: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    const unchanged = canonical(value) === canonical(current?.[field] ?? null);
    if (unchanged) result.unchanged.push(field);
    if (plan.validated) {
      if (!unchanged) result.written.push(field);
      set[field] = value;
      validatedAfter.add(field);
      fieldConfidence[field] = 1;
      continue;
    }
    if (unchanged) continue;
    if (validatedBefore.has(field)) {
      result.alternatives.push({ field, value });
      if (table === 'dream_dna_truth')
        await addAlternativeReading(tx, {
          userId: plan.userId,
          field,
          current: current?.[field] ?? null,
          reading: value,
          confidence: plan.confidence[field] ?? null,
          source: plan.source,
        });
      continue;
    }
    result.written.push(field);
    set[field] = value;
    if (plan.confidence[field] !== undefined) fieldConfidence[field] = plan.confidence[field];
    else delete fieldConfidence[field];
    const readings = plan.readings[field];
    if (readings && table === 'dream_dna_truth')
      await recordReadings(tx, {
        userId: plan.userId,
        field,
        primary: value,
        primaryConfidence: plan.confidence[field] ?? null,
        alternatives: readings.alternatives,
        reasoning: readings.reasoning ?? null,
      });
  }
  if (!Object.keys(set).length) return;
  const columns: Record<string, { value: unknown; cast: string }> = {};
  for (const [field, value] of Object.entries(set)) {
    const json = fieldInfo(field)?.kind === 'json';
    columns[field] = {
      value: json && value !== null ? JSON.stringify(value) : value,
      cast: json ? '::jsonb' : '',
    };
  }
  columns.validated_fields = { value: [...validatedAfter].sort(), cast: '::text[]' };
  if (table === 'dream_dna_truth') {
    columns.field_confidence = { value: JSON.stringify(fieldConfidence), cast: '::jsonb' };
    columns.extraction_source = { value: plan.source, cast: '' };
    columns.validated_by_user = { value: plan.validated, cast: '' };
  }
  const names = Object.keys(columns);
  const params = names.map((n) => columns[n]!.value);
  const placeholders = names.map((n, i) => `$${i + 2}${columns[n]!.cast}`);
  if (current) {
    await tx.query(
      `update public.${table} set ${names.map((n, i) => `${n} = ${placeholders[i]}`).join(', ')} where user_id = $1`,
      [plan.userId, ...params],
    );
  } else {
    await tx.query(
      `insert into public.${table} (user_id, ${names.join(', ')}) values ($1, ${placeholders.join(', ')})`,
      [plan.userId, ...params],
    );
  }
}

/** A value's identity for comparison: JSON with sorted keys (jsonb does not keep key order). */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object' && !(v instanceof Date)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== null && x !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(value ?? null));
}

function validateConfidence(
  confidence: Record<string, number>,
  values: Record<string, unknown>,
): Record<string, number> {
  const issues = Object.entries(confidence)
    .filter(([field, c]) => !(field in values) || !(typeof c === 'number' && c >= 0 && c <= 1))
    .map(([field, c]) =>
      field in values
        ? `confidence.${field}: ${c} is not between 0 and 1`
        : `confidence.${field}: has no value to go with it`,
    );
  if (issues.length) throw errors.invalidInput('The confidences', issues, 'Give each a number from 0 to 1.');
  return confidence;
}

/** The database requires a secondary archetype other than the primary: say so by field, before writing. */
async function assertArchetypes(
  tx: Queryable,
  userId: string,
  values: Record<string, unknown>,
): Promise<void> {
  const [row] = await tx.query<{ business_archetype: string | null; secondary_archetype: string | null }>(
    'select business_archetype, secondary_archetype from public.dream_dna_type where user_id = $1',
    [userId],
  );
  const primary = 'business_archetype' in values ? values.business_archetype : row?.business_archetype;
  const secondary = 'secondary_archetype' in values ? values.secondary_archetype : row?.secondary_archetype;
  if (primary === null || primary === undefined || primary !== secondary) return;
  throw errors.invalidInput(
    'The DNA change',
    [
      `${'business_archetype' in values ? 'business_archetype' : 'secondary_archetype'}: "${primary}" is also the ${'business_archetype' in values ? 'secondary' : 'primary'} archetype; the two must differ`,
    ],
    'Set the other one too (e.g. secondary_archetype= clears it), or pick another archetype.',
  );
}

function validateReadings(
  readings: Record<string, FieldReadings>,
  values: Record<string, unknown>,
  actor: FactActor['kind'],
): Record<string, FieldReadings> {
  const issues: string[] = [];
  for (const [field, r] of Object.entries(readings)) {
    if (actor === 'founder')
      issues.push(`readings.${field}: the founder's value is the reading; give no others`);
    else if (!(field in values) || fieldInfo(field)?.table !== 'dream_dna_truth')
      issues.push(`readings.${field}: give readings only for facts this write sets`);
    else if (r.alternatives.length > 3) issues.push(`readings.${field}: at most 3 alternatives`);
    r.alternatives.forEach((a, i) => {
      if (typeof a.value !== 'string' || !a.value.trim())
        issues.push(`readings.${field}.alternatives.${i}.value: must be text`);
      if (
        a.confidence !== null &&
        !(typeof a.confidence === 'number' && a.confidence >= 0 && a.confidence <= 1)
      )
        issues.push(`readings.${field}.alternatives.${i}.confidence: ${a.confidence} is not between 0 and 1`);
    });
  }
  if (issues.length) throw errors.invalidInput('The readings', issues, 'Fix the named readings.');
  return readings;
}

async function assertTemplate(tx: Queryable, id: string): Promise<void> {
  const rows = await tx.query<{ id: string }>('select id from public.website_templates order by id');
  if (rows.some((r) => r.id === id)) return;
  throw errors.invalidInput(
    'The DNA change',
    [
      `preferred_template_id: there is no template "${id}"${rows.length ? `; the templates are ${rows.map((r) => r.id).join(', ')}` : ''}`,
    ],
    'Run `dreamseed templates list` to see the templates (and `dreamseed templates sync` to record them).',
  );
}
