// A new in-memory database with the Supabase compatibility bootstrap and every
// migration applied by the project's own runner (generator/db/migrations.ts),
// returned as the raw PGlite handle the schema tests query directly.
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import {
  applyBootstrap as bootstrapWith,
  migrate,
  readMigrationFiles,
} from '../../generator/db/migrations.ts';
import { openPglite } from '../../generator/db/pglite.ts';
import { paths } from '../../generator/paths.ts';

export const migrationsDir = paths.migrations;

/** Absolute paths of the migration files, in the order they apply. */
export async function migrationFiles(): Promise<string[]> {
  return (await readMigrationFiles()).map((f) => join(migrationsDir, f.file));
}

/** Runs the bootstrap (what a Supabase project already has) on a raw PGlite handle. */
export async function applyBootstrap(db: PGlite): Promise<void> {
  await bootstrapWith({
    query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as never[],
    exec: async (sql) => {
      await db.exec(sql);
    },
  });
}

/** A new in-memory database with bootstrap and all migrations applied. Close it when done. */
export async function openFreshDb(): Promise<PGlite> {
  const db = await openPglite();
  await migrate(db);
  return db.pglite;
}
