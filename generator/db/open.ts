import type { Database } from './database.ts';
import { type EmbeddedOpenOptions, openEmbedded } from './embedded.ts';
import { openPglite } from './pglite.ts';
import { type DatabaseTarget, resolveDatabaseTarget } from './target.ts';

/**
 * How to open the database. Only the embedded database (a data directory) uses
 * these: it may be held by another process, which this one then waits for or
 * connects to (generator/db/embedded.ts).
 */
export type OpenOptions = EmbeddedOpenOptions;

/** Opens the database `DREAMSEED_DB` selects (or the given target). Always `close()` it. */
export async function openDatabase(
  target: DatabaseTarget = resolveDatabaseTarget(process.env.DREAMSEED_DB),
  options: OpenOptions = {},
): Promise<Database> {
  switch (target.kind) {
    case 'pglite':
      return openEmbedded(target.dataDir, options);
    case 'pglite-memory':
      return openPglite();
    case 'postgres':
      // The driver loads only for a server: the embedded database never needs it.
      return (await import('./postgres.ts')).openPostgres(target.url);
  }
}

/**
 * Runs `fn` with an open database and closes it afterwards, whatever happens. `hooks.opening` is called
 * once the database has begun to open: work that needs no database may start meanwhile.
 */
export async function withDatabase<T>(
  fn: (db: Database) => Promise<T>,
  target?: DatabaseTarget,
  options?: OpenOptions,
  hooks: { opening?: () => void } = {},
): Promise<T> {
  const opened = openDatabase(target, options);
  try {
    hooks.opening?.();
  } catch (error) {
    await opened.then(
      (db) => db.close(),
      () => {},
    );
    throw error;
  }
  const db = await opened;
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
