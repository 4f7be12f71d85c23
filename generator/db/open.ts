import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { type DatabaseTarget, resolveDatabaseTarget } from './target.ts';

/** Opens the database `DREAMSEED_DB` selects (or the given target). Always `close()` it. */
export async function openDatabase(
  target: DatabaseTarget = resolveDatabaseTarget(process.env.DREAMSEED_DB),
): Promise<Database> {
  switch (target.kind) {
    case 'pglite':
      return openPglite({ dataDir: target.dataDir });
    case 'pglite-memory':
      return openPglite();
    case 'postgres':
      return openPostgres(target.url);
  }
}

/** Runs `fn` with an open database and closes it afterwards, whatever happens. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>, target?: DatabaseTarget): Promise<T> {
  const db = await openDatabase(target);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
