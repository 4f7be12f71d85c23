// Run SQL the way Supabase runs an API request: inside a transaction, with
// `set local role <role>` and the JWT claims in request.jwt.claims.
import type { PGlite, Transaction } from '@electric-sql/pglite';

export type Actor =
  | { role: 'anon' }
  | { role: 'authenticated'; sub: string }
  | { role: 'service_role' }
  /** The connection's own login role (postgres: superuser, no claims). */
  | { role: 'database' };

export const anon: Actor = { role: 'anon' };
export const serviceRole: Actor = { role: 'service_role' };
export const databaseOwner: Actor = { role: 'database' };
export const founder = (authUserId: string): Actor => ({ role: 'authenticated', sub: authUserId });

export type Outcome =
  | { ok: true; rows: Record<string, unknown>[]; affected: number }
  | { ok: false; code: string; message: string };

export interface ActOptions {
  /** SQL run as the connection's login role before switching role (same transaction). */
  setup?: string;
  /** Commit instead of rolling back. */
  commit?: boolean;
}

/** Runs `fn` as `actor` in its own transaction; rolls back unless `commit` is set. */
export async function actAs<T>(
  db: PGlite,
  actor: Actor,
  fn: (tx: Transaction) => Promise<T>,
  options: ActOptions = {},
): Promise<T> {
  let result: T | undefined;
  let failure: unknown;
  await db
    .transaction(async (tx) => {
      if (options.setup) await tx.exec(options.setup);
      if (actor.role !== 'database') {
        const claims =
          actor.role === 'authenticated' ? { sub: actor.sub, role: actor.role } : { role: actor.role };
        await tx.exec(`set local role ${actor.role}`);
        await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
      }
      try {
        result = await fn(tx);
      } catch (error) {
        failure = error;
      }
      if (failure !== undefined || !options.commit) await tx.rollback();
    })
    .catch((error: unknown) => {
      failure ??= error;
    });
  if (failure !== undefined) throw failure;
  return result as T;
}

/** Runs one statement as `actor` (rolled back) and reports success or the SQLSTATE. */
export async function attempt(
  db: PGlite,
  actor: Actor,
  sql: string,
  params: unknown[] = [],
  options: ActOptions = {},
): Promise<Outcome> {
  try {
    return await actAs(
      db,
      actor,
      async (tx) => {
        const result = await tx.query<Record<string, unknown>>(sql, params);
        return { ok: true as const, rows: result.rows, affected: result.affectedRows ?? 0 };
      },
      options,
    );
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { ok: false, code: code ?? 'unknown', message };
  }
}

/** The first row of a result; fails loudly when there is none. */
export function firstRow<T>(rows: readonly T[], what = 'a row'): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`expected ${what}, got none`);
  return row;
}
