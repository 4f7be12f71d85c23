import { errors } from '../errors.ts';
import type { Database, Queryable } from './database.ts';
import { readMigrationFiles } from './migrations.ts';

/**
 * Whether the database has the schema this version of DreamSeed uses. A new
 * embedded database is made by whichever command opens it first, and a
 * `git pull` may bring migrations the database has not had: either way a
 * statement fails for want of a table, role or column, and the founder would
 * read PostgreSQL's words (`role "service_role" does not exist`). This names
 * the cause and the command that fixes it (DB_NOT_MIGRATED). Read-only: it
 * never creates the migration history the way `db status` does.
 */

/**
 * SQLSTATEs of a statement that names what the database does not have: undefined_table, undefined_column,
 * undefined_object (a role, a type), undefined_function, invalid_schema_name.
 */
const MISSING_OBJECT = new Set(['42P01', '42703', '42704', '42883', '3F000']);

/** What the database lacks, by the error a statement got; false for any other failure. */
function missingObject(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return false;
  // invalid_parameter_value is what `set_config('role', …)` raises for a role that does not exist, as every
  // founder-scoped transaction begins (db/roles.ts); it has many other causes, which are not the schema's.
  if (code === '22023') return typeof message === 'string' && /^role ".*" does not exist/.test(message);
  return MISSING_OBJECT.has(code);
}

/** The migration files not recorded as applied, oldest first (all of them on a database never migrated). */
export async function pendingMigrations(
  db: Queryable,
): Promise<{ pending: { version: string; name: string }[]; total: number }> {
  const files = await readMigrationFiles();
  const [history] = await db.query<{ present: boolean }>(
    `select to_regclass('supabase_migrations.schema_migrations') is not null as present`,
  );
  const applied = new Set(
    history?.present
      ? (
          await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')
        ).map((r) => r.version)
      : [],
  );
  const pending = files
    .filter((f) => !applied.has(f.version))
    .map((f) => ({ version: f.version, name: f.name }));
  return { pending, total: files.length };
}

/** DB_NOT_MIGRATED when migrations are pending (`worker` and `serve` check before they start). */
export async function assertMigrated(db: Database): Promise<void> {
  const { pending, total } = await pendingMigrations(db);
  if (pending.length) throw errors.dbNotMigrated(db.description, pending, total);
}

/**
 * The error to report for `error`, which a statement on `db` raised: DB_NOT_MIGRATED when the statement
 * failed for want of a table, role or column and migrations are pending; else `error` itself.
 */
export async function explainSchemaError(db: Database, error: unknown): Promise<unknown> {
  if (!missingObject(error)) return error;
  try {
    const { pending, total } = await pendingMigrations(db);
    return pending.length ? errors.dbNotMigrated(db.description, pending, total, error) : error;
  } catch {
    return error; // the check itself failed: the original error says more
  }
}
