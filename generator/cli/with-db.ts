import type { Database } from '../db/database.ts';
import type { DatabaseTarget } from '../db/target.ts';

/**
 * Runs `fn` with the database `DREAMSEED_DB` selects (or `target`), opened
 * through `db/open.ts` and closed afterwards whatever happens. It prints
 * nothing: opening errors are catalogue errors, which `run.ts` reports. The
 * database modules are imported on the first call, so a command module can
 * check its flags (and fail with exit 2) before PGlite or postgres is loaded.
 * A statement that failed because the database lacks migrations is reported
 * as such (DB_NOT_MIGRATED, db/schema-check.ts), with the command to run.
 */
export async function withDb<T>(
  fn: (db: Database) => Promise<T>,
  target?: DatabaseTarget,
  hooks: {
    /** Called once the database has begun to open (work that needs no database may start meanwhile). */
    opening?: () => void;
  } = {},
): Promise<T> {
  const [{ withDatabase }, { explainSchemaError }] = await Promise.all([
    import('../db/open.ts'),
    import('../db/schema-check.ts'),
  ]);
  return withDatabase(
    async (db) => {
      try {
        return await fn(db);
      } catch (error) {
        throw await explainSchemaError(db, error);
      }
    },
    target,
    undefined,
    hooks,
  );
}
