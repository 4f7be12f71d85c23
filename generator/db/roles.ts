import type { Database, Queryable } from './database.ts';

/**
 * Row Level Security applies per request, as in Supabase: founder work runs in a
 * transaction as `authenticated` with that founder's JWT claims, so the policies
 * decide what it may see and change. Service-role work (the build pipeline,
 * template sync) is explicit: it bypasses RLS and says so at the call site.
 */
export async function asFounder<T>(
  db: Database,
  authUserId: string,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      `select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`,
      [JSON.stringify({ sub: authUserId, role: 'authenticated', aud: 'authenticated' })],
    );
    return fn(tx);
  });
}

export async function asService<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      `select set_config('request.jwt.claims', $1, true), set_config('role', 'service_role', true)`,
      [JSON.stringify({ role: 'service_role' })],
    );
    return fn(tx);
  });
}

export async function asAnon<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'anon', true)`, [
      JSON.stringify({ role: 'anon' }),
    ]);
    return fn(tx);
  });
}

/**
 * Service-role work that records a build (the generator writing sections, swatches and the palette
 * options): marked `dreamseed.origin = 'build'` for this transaction, so the change-capture triggers do
 * not request another build for it (supabase/migrations/20261201000100_site_build_queue.sql).
 */
export async function asBuild<T>(
  db: Database,
  userId: string,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return asService(db, async (tx) => {
    await tx.query(
      `select set_config('dreamseed.origin', 'build', true), set_config('dreamseed.build_user', $1, true)`,
      [userId],
    );
    return fn(tx);
  });
}
