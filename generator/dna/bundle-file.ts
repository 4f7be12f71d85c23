import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { withAccountName } from './account-name.ts';
import {
  type DnaBundle,
  factFields,
  mediaSchema,
  probabilitySchema,
  truthSchema,
  typeSchema,
  userSchema,
} from './schema.ts';

/**
 * The DNA bundle file (`dreamseed generate --dna FILE`): one JSON object keyed by
 * the specification's table names, with its column names. Media `file` paths are
 * relative to the bundle. Unknown keys are errors naming the key.
 */
export const bundleFileSchema = z.strictObject({
  users: userSchema,
  dream_dna_truth: truthSchema,
  dream_dna_type: typeSchema.nullish(),
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
});
export type BundleFile = z.infer<typeof bundleFileSchema>;

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(top level)';
    if (issue.code === 'unrecognized_keys') {
      return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return `${path}: ${issue.message}`;
  });
}

export function parseBundle(raw: unknown, baseDir: string, label: string): DnaBundle {
  const parsed = bundleFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw errors.invalidInput(
      `DNA bundle ${label}`,
      formatIssues(parsed.error),
      'Fix the named keys; the format is described in ARCHITECTURE.md ("DNA bundle") and supabase/README.md (column names).',
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
  return {
    user: b.users,
    truth: withAccountName(b.dream_dna_truth, b.users),
    type: b.dream_dna_type ?? null,
    probabilities: b.dream_dna_probability,
    media,
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
