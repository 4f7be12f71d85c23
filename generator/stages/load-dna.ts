import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Queryable } from '../db/database.ts';
import { withAccountName } from '../dna/account-name.ts';
import { cleanDna } from '../dna/clean-facts.ts';
import {
  type DnaBundle,
  mediaSchema,
  probabilitySchema,
  truthSchema,
  typeSchema,
  userSchema,
} from '../dna/schema.ts';
import { errors, formatIssues } from '../errors.ts';
import { resolveStoredMedia } from '../files/resolve-media.ts';
import { paths } from '../paths.ts';

/**
 * The pipeline's first stage for a stored founder: loads their DNA bundle from
 * the database, by user id or slug. Rows are validated with the same schemas
 * as bundle files (dna/), so the generator sees one shape whatever the source,
 * and each stored media file is found on this machine (files/). Run as service
 * role (the pipeline) or as the founder (RLS then limits it to their own rows).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadBundleFromDb(tx: Queryable, idOrSlug: string): Promise<DnaBundle> {
  const by = UUID.test(idOrSlug) ? 'id' : 'slug';
  const [userRow] = await tx.query(`select * from public.users where ${by} = $1`, [idOrSlug]);
  if (!userRow) {
    throw errors.notFound(
      'founder',
      idOrSlug,
      'Run `dreamseed founders list` to see every founder (the demo founders come with `dreamseed db reset`).',
    );
  }
  const userId = userRow.id as string;
  const [truthRow] = await tx.query('select * from public.dream_dna_truth where user_id = $1', [userId]);
  const [typeRow] = await tx.query('select * from public.dream_dna_type where user_id = $1', [userId]);
  const probRows = await tx.query(
    'select * from public.dream_dna_probability where user_id = $1 order by field_name',
    [userId],
  );
  const mediaRows = await tx.query(
    `select m.*, f.bucket_name as file_bucket_name
       from public.media_assets m
       left join public.file_buckets f on f.id = m.file_bucket_id and f.user_id = m.user_id
      where m.user_id = $1 order by m.is_primary desc, m.sort_order, m.created_at, m.id`,
    [userId],
  );
  const label = `database rows of founder ${idOrSlug}`;
  const parse = <T>(
    schema: {
      safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError };
    },
    row: unknown,
    table: string,
  ): T => {
    const r = schema.safeParse(row);
    if (!r.success)
      throw errors.invalidInput(
        label,
        formatIssues(r.error).map((i) => `${table}.${i}`),
        'Fix the stored DNA.',
      );
    return r.data;
  };
  // The same content policy as bundle files (`clean-facts.ts`): what a site shows is the founder's clean words.
  const { dna, findings } = cleanDna({
    users: normalise(userRow),
    dream_dna_truth: truthRow ? normalise(truthRow, TRUTH_EXTRA) : {},
    dream_dna_probability: probRows.map((r) => normalise(r)),
    media_assets: mediaRows.map((r) => normalise(r)),
  });
  const user = parse(userSchema, dna.users, 'users');
  const truth = withAccountName(parse(truthSchema, dna.dream_dna_truth, 'dream_dna_truth'), user);
  return {
    user,
    truth,
    type: typeRow ? parse(typeSchema, normalise(typeRow), 'dream_dna_type') : null,
    probabilities: dna.dream_dna_probability.map((r) => parse(probabilitySchema, r, 'dream_dna_probability')),
    media: await Promise.all(
      dna.media_assets.map(async (r) => {
        const m = parse(mediaSchema, r, 'media_assets');
        // Files added with `dreamseed files add` live in a storage bucket; demo media under supabase/.
        const stored = await resolveStoredMedia(m);
        return { ...m, path: stored ?? resolveStoragePath(m.storage_path ?? null) };
      }),
    ),
    ...(findings.length ? { cleaned: findings } : {}),
  };
}

/** Columns the database has that the generator's truth schema does not read. */
const TRUTH_EXTRA = new Set<string>();

/** numeric columns arrive as strings from Postgres drivers; timestamps as Date. */
function normalise(row: Record<string, unknown>, drop: Set<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (drop.has(k)) continue;
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && NUMERIC.has(k)) out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

const NUMERIC = new Set([
  'confidence_score',
  'primary_confidence',
  'alternative_1_confidence',
  'alternative_2_confidence',
  'alternative_3_confidence',
  'classification_confidence',
  'amount_paid',
]);

/** Demo media live under supabase/ (uploaded files are resolved by files/resolve-media.ts). */
export function resolveStoragePath(storagePath: string | null): string | null {
  if (!storagePath) return null;
  const candidate = join(paths.supabase, storagePath);
  // Rows are founder-writable: a path must stay inside the demo media folder.
  if (!candidate.startsWith(join(paths.demo, 'media') + sep)) return null;
  return existsSync(candidate) ? candidate : null;
}
