import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database, Queryable } from '../db/database.ts';
import { founderIdFromSlug, SLUG_MAX, slugFromName } from '../dna/founder-identity.ts';
import { errors, formatIssues } from '../errors.ts';

/**
 * A new founder who has no DNA yet (`dreamseed founders add`): a `users` row
 * with the business name and the founder's contact, and on the embedded
 * database its `auth.users` row, so the founder can act as themselves (RLS)
 * as a signed-in Supabase user would. On a PostgreSQL server (Supabase), Auth
 * owns `auth.users`: the founder is invited there, and `users.auth_user_id`
 * is set when they sign up, so none is made here.
 *
 * The slug is derived from the business name as for DNA bundles
 * (`dna/founder-identity.ts`), with `-2`, `-3`… when another founder has it;
 * the id is the UUID v5 of the slug. The same business name with the same
 * e-mail (or both without one) is taken to be the same founder added twice,
 * and refused, naming the existing one.
 */
export const newFounderSchema = z.strictObject({
  business_name: z.string().trim().min(1, 'is empty').max(120, 'at most 120 characters'),
  customer_name: z.string().trim().min(1, 'is empty').max(200).nullish(),
  customer_email: z.email('is not an e-mail address').nullish(),
});

export type NewFounder = z.input<typeof newFounderSchema>;

export interface AddedFounder {
  id: string;
  slug: string;
  auth_user_id: string | null;
  business_name: string;
  customer_name: string | null;
  customer_email: string | null;
}

export async function addFounder(db: Database, input: NewFounder): Promise<AddedFounder> {
  const parsed = newFounderSchema.safeParse(input);
  if (!parsed.success)
    throw errors.invalidInput(
      'The new founder',
      formatIssues(parsed.error).map((i) =>
        i
          .replace(/^business_name/, '--business-name')
          .replace(/^customer_name/, '--name')
          .replace(/^customer_email/, '--email'),
      ),
      'Give --business-name (and optionally --name and --email) again.',
    );
  const f = parsed.data;
  const email = f.customer_email?.toLowerCase() ?? null;
  // One transaction: the auth user (as the database owner: on Supabase, Auth writes auth.users, not
  // the API roles), then the profile as the service role, as server code writes it.
  return db.transaction(async (tx) => {
    const [same] = await tx.query<{ id: string; slug: string }>(
      `select id, slug from public.users
        where lower(business_name) = lower($1) and coalesce(lower(customer_email), '') = coalesce($2, '')
        limit 1`,
      [f.business_name, email],
    );
    if (same) throw errors.founderExists(f.business_name, same.id, same.slug);
    const slug = await freeSlug(tx, slugFromName(f.business_name));
    const id = founderIdFromSlug(slug);
    let authUserId: string | null = null;
    if (db.kind === 'pglite') {
      authUserId = randomUUID();
      await tx.query(`insert into auth.users (id, email, raw_user_meta_data) values ($1, $2, $3::jsonb)`, [
        authUserId,
        email,
        JSON.stringify({ name: f.customer_name ?? null, business_name: f.business_name }),
      ]);
    }
    await tx.query(
      `select set_config('request.jwt.claims', $1, true), set_config('role', 'service_role', true)`,
      [JSON.stringify({ role: 'service_role' })],
    );
    await tx.query(
      `insert into public.users (id, auth_user_id, slug, business_name, customer_name, customer_email, status)
       values ($1, $2, $3, $4, $5, $6, 'onboarding')`,
      [id, authUserId, slug, f.business_name, f.customer_name ?? null, email],
    );
    return {
      id,
      slug,
      auth_user_id: authUserId,
      business_name: f.business_name,
      customer_name: f.customer_name ?? null,
      customer_email: email,
    };
  });
}

/** The slug, or the first of `slug-2`, `slug-3`… no founder has (kept within SLUG_MAX). */
async function freeSlug(tx: Queryable, slug: string): Promise<string> {
  const rows = await tx.query<{ slug: string }>(
    `select slug from public.users where slug = $1 or slug like $1 || '-%'`,
    [slug],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slug.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
