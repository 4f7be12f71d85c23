import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errors } from '../errors.ts';
import { paths } from '../paths.ts';
import type { Database, Queryable } from './database.ts';
import {
  leftOut,
  missingExtensions,
  restoreAvailable,
  WITHOUT_DDL,
  withoutExtensions,
} from './optional-extensions.ts';

/**
 * Applies `supabase/migrations/<14-digit version>_<name>.sql` in order, each in its
 * own transaction, recording them where the Supabase CLI does
 * (`supabase_migrations.schema_migrations`) so either tool sees the same history.
 * A checksum beside it lets us refuse to run when an applied file was edited.
 */
export interface MigrationFile {
  version: string;
  name: string;
  file: string;
  sql: string;
  sha256: string;
}

export type MigrationState = 'applied' | 'pending' | 'edited' | 'file-missing';

export interface MigrationStatus {
  version: string;
  name: string;
  state: MigrationState;
  appliedAt?: string | undefined;
  /** Applied without the statements of these missing extensions (optional-extensions.ts). */
  without?: string[] | undefined;
}

const FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export async function readMigrationFiles(dir: string = paths.migrations): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const file of names) {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw errors.usage(
        `Migration file name ${file} does not follow <14-digit timestamp>_<snake_case_name>.sql.`,
        'Rename it, e.g. 20261125120000_add_table.sql.',
      );
    }
    const sql = await readFile(join(dir, file), 'utf8');
    files.push({ version: match[1]!, name: match[2]!, file, sql, sha256: sha256(sql) });
  }
  return files;
}

const HISTORY_DDL = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
create table if not exists supabase_migrations.dreamseed_checksums (
  version text primary key,
  sha256 text not null,
  applied_at timestamptz not null default now()
);
${WITHOUT_DDL}`;

/** Creates what a Supabase project already has (roles, `auth` schema) where it is missing. */
export async function applyBootstrap(db: Queryable, dir: string = paths.bootstrap): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  for (const name of names) await db.exec(await readFile(join(dir, name), 'utf8'));
}

async function needsBootstrap(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ ok: boolean }>(
    `select to_regprocedure('auth.uid()') is not null
        and exists (select 1 from pg_roles where rolname = 'service_role') as ok`,
  );
  return !row?.ok;
}

export async function migrationStatus(db: Database, dir?: string): Promise<MigrationStatus[]> {
  await db.exec(HISTORY_DDL);
  const files = await readMigrationFiles(dir);
  const applied = await db.query<{
    version: string;
    name: string | null;
    sha256: string | null;
    applied_at: Date | null;
  }>(
    `select m.version, m.name, c.sha256, c.applied_at
       from supabase_migrations.schema_migrations m
       left join supabase_migrations.dreamseed_checksums c using (version)
      order by m.version`,
  );
  const byVersion = new Map(applied.map((a) => [a.version, a]));
  const without = new Map<string, string[]>();
  for (const w of await leftOut(db)) without.set(w.version, [...(without.get(w.version) ?? []), w.extension]);
  const status: MigrationStatus[] = files.map((f) => {
    const a = byVersion.get(f.version);
    if (!a) return { version: f.version, name: f.name, state: 'pending' };
    const state: MigrationState = a.sha256 && a.sha256 !== f.sha256 ? 'edited' : 'applied';
    return {
      version: f.version,
      name: f.name,
      state,
      appliedAt: a.applied_at?.toISOString(),
      ...(without.has(f.version) ? { without: without.get(f.version) } : {}),
    };
  });
  const known = new Set(files.map((f) => f.version));
  for (const a of applied) {
    if (!known.has(a.version)) {
      status.push({
        version: a.version,
        name: a.name ?? '',
        state: 'file-missing',
        appliedAt: a.applied_at?.toISOString(),
      });
    }
  }
  return status.sort((x, y) => x.version.localeCompare(y.version));
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  bootstrapped: boolean;
  /** Optional extensions the server lacks, whose statements were left out of the migrations applied now or before. */
  without: string[];
  /** Extensions now available whose left-out statements were added by this run. */
  restored: string[];
}

export async function migrate(
  db: Database,
  options: { dir?: string; onApply?: (file: string, ms: number) => void } = {},
): Promise<MigrateResult> {
  const bootstrapped = await needsBootstrap(db);
  if (bootstrapped) await applyBootstrap(db);
  const files = await readMigrationFiles(options.dir);
  const status = await migrationStatus(db, options.dir);
  const edited = status.find((s) => s.state === 'edited');
  if (edited)
    throw errors.migrationEdited(edited.version, files.find((f) => f.version === edited.version)!.file);

  const pending = new Set(status.filter((s) => s.state === 'pending').map((s) => s.version));
  const missing = pending.size ? await missingExtensions(db) : [];
  const applied: string[] = [];
  for (const file of files) {
    if (!pending.has(file.version)) continue;
    const started = performance.now();
    const { sql, leftOut: left } = withoutExtensions(file.version, file.sql, missing);
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
        for (const l of left)
          await tx.query(
            'insert into supabase_migrations.dreamseed_without (version, extension, left_out) values ($1, $2, $3)',
            [file.version, l.extension, l.statements],
          );
        await tx.query(
          'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
          [file.version, [file.sql], file.name],
        );
        await tx.query(
          'insert into supabase_migrations.dreamseed_checksums (version, sha256) values ($1, $2)',
          [file.version, file.sha256],
        );
      });
    } catch (error) {
      throw errors.migrationFailed(file.file, error);
    }
    applied.push(file.file);
    options.onApply?.(file.file, performance.now() - started);
  }
  const restored = await restoreAvailable(db);
  const without = [...new Set((await leftOut(db)).map((w) => w.extension))];
  return { applied, alreadyApplied: files.length - applied.length, bootstrapped, without, restored };
}

export async function applySeed(db: Database, seedPath: string = paths.seed): Promise<void> {
  // seed.sql carries its own BEGIN/COMMIT, as the Supabase CLI runs it.
  await db.exec(await readFile(seedPath, 'utf8'));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
