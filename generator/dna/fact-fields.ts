import type { z } from 'zod';
import { errors, formatIssues } from '../errors.ts';
import { type DnaType, type FactField, factFields, truthSchema, typeSchema } from './schema.ts';

/**
 * The DNA fields a person or an extraction may write, where each lives
 * (`dream_dna_truth` or `dream_dna_type`), how a typed value is read
 * (`FIELD=VALUE` on the command line) and how it is validated: with the same
 * zod schemas the generator reads the DNA with, one field at a time, so an
 * error names the field and what is wrong with it.
 */
/** The classifier's own bookkeeping on dream_dna_type: written by extractions, never by hand. */
export const classifierFields = ['classification_confidence', 'reasoning'] as const;
export type ClassifierField = (typeof classifierFields)[number];
/** dream_dna_type's columns that are nobody's input. */
const TYPE_BOOKKEEPING = ['id', 'user_id', 'validated_fields', 'created_at', 'updated_at'] as const;
/** The classification a person may set: every column of the type schema but the bookkeeping and the classifier's. */
export type TypeField = Exclude<keyof DnaType, (typeof TYPE_BOOKKEEPING)[number] | ClassifierField>;
export const typeFields: readonly TypeField[] = Object.keys(typeSchema.shape).filter(
  (k): k is TypeField =>
    !(TYPE_BOOKKEEPING as readonly string[]).includes(k) &&
    !(classifierFields as readonly string[]).includes(k),
);
export type WritableField = FactField | TypeField | ClassifierField;

export type FieldKind = 'text' | 'number' | 'json';

export interface FieldInfo {
  field: WritableField;
  table: 'dream_dna_truth' | 'dream_dna_type';
  kind: FieldKind;
  schema: z.ZodType;
}

const isTypeField = (f: string): f is TypeField | ClassifierField =>
  (typeFields as readonly string[]).includes(f) || (classifierFields as readonly string[]).includes(f);
export const isClassifierField = (f: string): f is ClassifierField =>
  (classifierFields as readonly string[]).includes(f);
const isFactField = (f: string): f is FactField => (factFields as readonly string[]).includes(f);

export function fieldInfo(field: string): FieldInfo | undefined {
  if (isFactField(field)) {
    const schema = truthSchema.shape[field] as z.ZodType;
    return { field, table: 'dream_dna_truth', kind: kindOf(schema), schema };
  }
  if (isTypeField(field)) {
    const schema = typeSchema.shape[field] as z.ZodType;
    return { field, table: 'dream_dna_type', kind: kindOf(schema), schema };
  }
  return undefined;
}

/** The fields a person may set (`dna set`): the facts and the classification, not the classifier's bookkeeping. */
export const writableFields: readonly WritableField[] = [...factFields, ...typeFields];

/** Lists, objects → JSON; numbers → numbers; the rest is text. Read from the schema, not listed by hand. */
function kindOf(schema: z.ZodType): FieldKind {
  let inner = schema as unknown as { def: { type: string; innerType?: unknown } };
  while (['optional', 'nullable', 'default'].includes(inner.def.type) && inner.def.innerType)
    inner = inner.def.innerType as typeof inner;
  if (inner.def.type === 'array' || inner.def.type === 'object') return 'json';
  if (inner.def.type === 'number') return 'number';
  return 'text';
}

/**
 * Reads `FIELD=VALUE` assignments: JSON for lists and objects
 * (`services=[{"name":"Bread"}]`), a number for numeric fields, text otherwise;
 * an empty value (`tagline=`) clears the field. Every problem is collected and
 * reported at once, each naming its field.
 */
export function parseAssignments(assignments: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      issues.push(`"${assignment}": write FIELD=VALUE, e.g. tagline="Fresh every morning"`);
      continue;
    }
    const field = assignment.slice(0, eq).trim();
    const raw = assignment.slice(eq + 1);
    const info = fieldInfo(field);
    if (!info || isClassifierField(field)) {
      issues.push(unknownField(field));
      continue;
    }
    if (field in values) {
      issues.push(`${field}: is given twice; give each field once`);
      continue;
    }
    const parsed = readValue(info, raw);
    if ('issue' in parsed) issues.push(parsed.issue);
    else {
      const problems = validateOne(info, parsed.value);
      if (problems.length) issues.push(...problems);
      else values[field] = parsed.value;
    }
  }
  if (issues.length) throw invalid(issues);
  return values;
}

function readValue(info: FieldInfo, raw: string): { value: unknown } | { issue: string } {
  if (!raw.trim()) return { value: null };
  if (info.kind === 'json') {
    try {
      return { value: JSON.parse(raw) };
    } catch {
      return {
        issue: `${info.field}: is not valid JSON; give a JSON list, e.g. ${info.field}=${JSON_EXAMPLES[info.field] ?? '[…]'}`,
      };
    }
  }
  if (info.kind === 'number') {
    const n = Number(raw.trim());
    return Number.isFinite(n) ? { value: n } : { issue: `${info.field}: "${raw}" is not a number` };
  }
  return { value: raw.trim() };
}

const JSON_EXAMPLES: Record<string, string> = {
  services: '\'[{"name":"Sourdough loaf","price":9,"unit":"loaf"}]\'',
  process_steps: '\'[{"title":"Order","description":"Call or email"}]\'',
  faqs: '\'[{"question":"Do you deliver?","answer":"Within ten miles."}]\'',
  testimonials: '\'[{"quote":"The best bread in town.","author":"Dana"}]\'',
  credentials: '\'["ServSafe certified"]\'',
};

/** Validates typed values field by field with the DNA schemas; returns them as the schemas read them. */
export function validateFacts(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const [field, value] of Object.entries(values)) {
    const info = fieldInfo(field);
    if (!info) {
      issues.push(unknownField(field));
      continue;
    }
    const problems = validateOne(info, value);
    if (problems.length) issues.push(...problems);
    else out[field] = info.schema.parse(value) ?? null;
  }
  if (issues.length) throw invalid(issues);
  return out;
}

/** What is wrong with one field's value, each issue naming the field (and the item: services.0.price). */
function validateOne(info: FieldInfo, value: unknown): string[] {
  const result = info.schema.safeParse(value);
  if (result.success) return [];
  return formatIssues(result.error).map((i) =>
    i.startsWith('(top level)') ? `${info.field}${i.slice('(top level)'.length)}` : `${info.field}.${i}`,
  );
}

function unknownField(field: string): string {
  return `${field}: is not a DNA field you can set; the fields are ${writableFields.join(', ')}`;
}

function invalid(issues: string[]) {
  return errors.invalidInput(
    'The DNA change',
    issues,
    'Fix the named fields and run it again; `dreamseed dna show --user ID` shows the current values.',
  );
}
