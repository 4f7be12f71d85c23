import type { Queryable } from '../db/database.ts';
import { errors } from '../errors.ts';

/** A founder's identity by user id or slug: what writes need (the auth user acts for them). */
export interface FounderRef {
  id: string;
  slug: string;
  auth_user_id: string | null;
  customer_name: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findFounder(tx: Queryable, idOrSlug: string): Promise<FounderRef> {
  const [row] = await tx.query<FounderRef>(
    `select id::text as id, slug, auth_user_id::text as auth_user_id, customer_name
       from public.users where ${UUID.test(idOrSlug) ? 'id' : 'slug'} = $1`,
    [idOrSlug],
  );
  if (!row) {
    throw errors.notFound(
      'founder',
      idOrSlug,
      'Run `dreamseed founders list` to see founders (`founders add` creates one).',
    );
  }
  return row;
}
