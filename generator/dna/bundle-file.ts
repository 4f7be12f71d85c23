import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { errors, formatIssues } from '../errors.ts';
import { withAccountName } from './account-name.ts';
import { type CleanFinding, cleanDna, describeFinding, type RawDna } from './clean-facts.ts';
import { founderIdFromSlug, slugFromName } from './founder-identity.ts';
import { normaliseScores, SCORE_RANGE_MESSAGE } from './personality-scores.ts';
import {
  type DnaBundle,
  type DnaType,
  type DnaUser,
  factFields,
  mediaSchema,
  probabilitySchema,
  truthSchema,
  typeSchema,
  userSchema,
} from './schema.ts';

/**
 * The DNA bundle file (`dreamseed generate --dna FILE`, described in
 * docs/dna-bundle.md): one JSON object keyed by the specification's table
 * names, with its column names. Only a business name is needed, in
 * `users.business_name` or `dream_dna_truth.business_name`; a missing
 * `users.id` or `users.slug` is derived from it (`founder-identity.ts`).
 * Personality scores may be 0–1 or 0–100 (`personality-scores.ts`).
 * Media `file` paths are relative to the bundle. Unknown keys are errors
 * naming the key.
 */
const bundleUserSchema = userSchema.partial({ id: true, slug: true });

const bundleScore = z
  .number({
    error: (issue) =>
      typeof issue.input === 'number'
        ? `${issue.input} ${SCORE_RANGE_MESSAGE}`
        : `${JSON.stringify(issue.input)} is not a number: give a score from 0 to 1 or from 0 to 100`,
  })
  .min(0, { error: (issue) => `${String(issue.input)} ${SCORE_RANGE_MESSAGE}` })
  .max(100, { error: (issue) => `${String(issue.input)} ${SCORE_RANGE_MESSAGE}` });

const bundleTypeSchema = typeSchema
  .extend({
    risk_tolerance: bundleScore.nullish(),
    innovation_level: bundleScore.nullish(),
    scale_ambition: bundleScore.nullish(),
  })
  .transform((row, ctx): DnaType => {
    const { scores, problems } = normaliseScores(row);
    for (const p of problems)
      ctx.issues.push({ code: 'custom', path: [p.field], message: p.message, input: row[p.field] });
    return problems.length ? z.NEVER : { ...row, ...scores };
  });

export const bundleFileSchema = z
  .strictObject({
    users: bundleUserSchema.nullish(),
    dream_dna_truth: truthSchema.prefault({}),
    dream_dna_type: bundleTypeSchema.nullish(),
    dream_dna_probability: z
      .array(
        probabilitySchema.refine((p) => (factFields as readonly string[]).includes(p.field_name), {
          path: ['field_name'],
          error: (issue) =>
            `"${String((issue.input as { field_name?: unknown }).field_name)}" is not a dream_dna_truth fact field (one of: ${factFields.join(', ')})`,
        }),
      )
      .default([]),
    media_assets: z.array(mediaSchema).default([]),
    /** Accepted for seeding (transcripts are not used to write copy). */
    transcripts_raw: z.array(z.looseObject({ transcript_text: z.string() })).default([]),
  })
  .refine((b) => !!nameOf(b), {
    path: ['users', 'business_name'],
    error: 'a business name is needed: give users.business_name or dream_dna_truth.business_name',
    // Reported with the other problems, not only once they are fixed.
    when: () => true,
  });

/** The name the slug comes from: the account's (it changes least), else the DNA truth's. */
function nameOf(
  // Any value: the check also runs on input that failed to parse, to report every problem at once.
  b: { users?: { business_name?: unknown } | null; dream_dna_truth?: { business_name?: unknown } } | null,
): string | undefined {
  for (const name of [b?.users?.business_name, b?.dream_dna_truth?.business_name])
    if (typeof name === 'string' && name.trim()) return name.trim();
  return undefined;
}

export function parseBundle(raw: unknown, baseDir: string, label: string): DnaBundle {
  // The content policy first: a name or URL that only held markup is then named as what it is.
  const { dna, findings } =
    raw && typeof raw === 'object' && !Array.isArray(raw)
      ? cleanDna(raw as RawDna)
      : { dna: raw, findings: [] as CleanFinding[] };
  const parsed = bundleFileSchema.safeParse(dna);
  if (!parsed.success) {
    const dropped = findings.filter((f) => f.action === 'dropped').map(describeFinding);
    throw errors.invalidInput(
      `DNA bundle ${label}`,
      [...formatIssues(parsed.error), ...dropped],
      'Fix the named keys; the format is described in docs/dna-bundle.md (`dreamseed dna schema` prints its JSON Schema).',
    );
  }
  const b = parsed.data;
  const missingFiles: string[] = [];
  const media = b.media_assets.map((m, i) => {
    const path = m.file ? resolve(baseDir, m.file) : null;
    if (path && !existsSync(path))
      missingFiles.push(`media_assets.${i}.file: ${m.file} does not exist (resolved to ${path})`);
    return { ...m, path };
  });
  if (missingFiles.length) {
    throw errors.invalidInput(
      `DNA bundle ${label}`,
      missingFiles,
      'Media paths are relative to the bundle file.',
    );
  }
  const slug = b.users?.slug ?? slugFromName(nameOf(b)!);
  const user: DnaUser = { ...b.users, slug, id: b.users?.id ?? founderIdFromSlug(slug) };
  return {
    user,
    truth: withAccountName(b.dream_dna_truth, user),
    type: b.dream_dna_type ?? null,
    probabilities: b.dream_dna_probability,
    media,
    ...(findings.length ? { cleaned: findings } : {}),
  };
}

export async function readBundleFile(file: string): Promise<DnaBundle> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw errors.usage(`Cannot read the DNA bundle ${file}.`, 'Check the path given to --dna.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw errors.invalidInput(
      `DNA bundle ${file}`,
      [`not valid JSON: ${(error as Error).message}`],
      'Fix the JSON syntax.',
    );
  }
  return parseBundle(raw, dirname(path), file);
}
