import postgres from 'postgres';
import { errors } from '../errors.ts';
import type { Database, Queryable } from './database.ts';
import { redactUrl } from './target.ts';

/** A PostgreSQL server (Supabase in production, the local PostgreSQL binaries in concurrency tests). */
export async function openPostgres(url: string): Promise<Database> {
  const sql = postgres(url, {
    max: 4,
    onnotice: () => {},
    connect_timeout: 10,
    // json/jsonb parameters: the code passes JSON text (JSON.stringify), as PGlite takes it. The driver's
    // default would encode that text once more, storing a JSON string instead of the object.
    types: {
      jsonText: {
        to: 3802,
        from: [114, 3802],
        serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
        parse: (x: string) => JSON.parse(x) as unknown,
      },
    },
  });
  const wrap = (q: postgres.Sql | postgres.TransactionSql | postgres.ReservedSql): Queryable => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      const rows = await q.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
    async exec(text: string) {
      await q.unsafe(text).simple();
    },
  });
  const base = wrap(sql);
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw errors.dbUnreachable(redactUrl(url), error);
  }
  return {
    kind: 'postgres',
    description: `PostgreSQL at ${redactUrl(url)}`,
    query: base.query,
    // A script may carry its own BEGIN/COMMIT (seed.sql does, as the Supabase CLI runs it): it runs on one
    // reserved connection, never spread over the pool.
    async exec(text: string) {
      const reserved = await sql.reserve();
      try {
        await wrap(reserved).exec(text);
      } catch (error) {
        // A statement that failed after the script's BEGIN leaves the connection in an aborted
        // transaction: end it before the connection goes back to the pool.
        await reserved.unsafe('rollback').catch(() => undefined);
        throw error;
      } finally {
        reserved.release();
      }
    },
    transaction: async (fn) => (await sql.begin((tx) => fn(wrap(tx)))) as Awaited<ReturnType<typeof fn>>,
    close: () => sql.end({ timeout: 5 }),
  };
}
