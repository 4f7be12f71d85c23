// Opens an in-memory PGlite (with pgvector) and applies the Supabase
// compatibility bootstrap, then every migration in supabase/migrations in name
// order. Deliberately tiny: swap for the shared runner in generator/db/ when
// it lands.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

const supabaseDir = join(import.meta.dirname, '..', '..', 'supabase');
export const bootstrapFile = join(supabaseDir, 'bootstrap', 'supabase-compat.sql');
export const migrationsDir = join(supabaseDir, 'migrations');

export async function migrationFiles(): Promise<string[]> {
  const names = (await readdir(migrationsDir)).filter((name) => /^\d{14}_.+\.sql$/.test(name));
  return names.sort().map((name) => join(migrationsDir, name));
}

export async function applyBootstrap(db: PGlite): Promise<void> {
  await db.exec(await readFile(bootstrapFile, 'utf8'));
}

export async function applyMigrations(db: PGlite): Promise<void> {
  for (const file of await migrationFiles()) {
    const sql = await readFile(file, 'utf8');
    try {
      await db.exec(`begin;\n${sql}\ncommit;`);
    } catch (error) {
      await db.exec('rollback');
      throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** A new in-memory database with bootstrap and all migrations applied. Close it when done. */
export async function openFreshDb(): Promise<PGlite> {
  const db = new PGlite({ extensions: { vector } });
  await applyBootstrap(db);
  await applyMigrations(db);
  return db;
}
