import { appendFileSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { migrate, migrationStatus, readMigrationFiles } from '../../../generator/db/migrations.ts';
import { openPglite } from '../../../generator/db/pglite.ts';
import { paths } from '../../../generator/paths.ts';

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

function copyMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ds-migrations-'));
  cpSync(paths.migrations, dir, { recursive: true });
  return dir;
}

describe('migration runner', () => {
  it('applies every migration from zero, records it where the Supabase CLI does, and is idempotent', async () => {
    db = await openPglite();
    const files = await readMigrationFiles();
    const first = await migrate(db);
    expect(first.bootstrapped).toBe(true);
    expect(first.applied).toEqual(files.map((f) => f.file));
    const recorded = await db.query<{ version: string; name: string }>(
      'select version, name from supabase_migrations.schema_migrations order by version',
    );
    expect(recorded.map((r) => r.version)).toEqual(files.map((f) => f.version));
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.bootstrapped).toBe(false);
    expect((await migrationStatus(db)).every((s) => s.state === 'applied')).toBe(true);
  });

  it('applies only pending files, in order', async () => {
    const dir = copyMigrations();
    db = await openPglite();
    await migrate(db, { dir });
    writeFileSync(
      join(dir, '29991231000000_add_probe.sql'),
      'create table public.probe_table (id int primary key);',
    );
    const status = await migrationStatus(db, dir);
    expect(status.filter((s) => s.state === 'pending').map((s) => s.version)).toEqual(['29991231000000']);
    const result = await migrate(db, { dir });
    expect(result.applied).toEqual(['29991231000000_add_probe.sql']);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = copyMigrations();
    db = await openPglite();
    await migrate(db, { dir });
    const first = readdirSync(dir).sort()[0]!;
    appendFileSync(join(dir, first), '\n-- an innocent-looking edit\n');
    await expect(migrate(db, { dir })).rejects.toMatchObject({ code: 'MIGRATION_EDITED' });
    expect((await migrationStatus(db, dir)).find((s) => s.state === 'edited')?.name).toBeTruthy();
  });

  it('rolls back a failing migration whole and does not record it', async () => {
    const dir = copyMigrations();
    db = await openPglite();
    await migrate(db, { dir });
    writeFileSync(
      join(dir, '29991231000001_broken.sql'),
      'create table public.half_done (id int);\nselect * from no_such_table;',
    );
    await expect(migrate(db, { dir })).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    const [row] = await db.query<{ exists: boolean }>(
      "select to_regclass('public.half_done') is not null as exists",
    );
    expect(row?.exists).toBe(false);
    expect((await migrationStatus(db, dir)).find((s) => s.version === '29991231000001')?.state).toBe(
      'pending',
    );
  });

  it('names the missing extension when the server lacks one, instead of blaming the SQL', async () => {
    const dir = copyMigrations();
    db = await openPglite();
    await migrate(db, { dir });
    writeFileSync(join(dir, '29991231000002_needs_ext.sql'), 'create extension no_such_ext;');
    const error = await migrate(db, { dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED' });
    expect((error as { hint: string }).hint).toMatch(/lacks the PostgreSQL extension "no_such_ext"/);
    expect((error as { hint: string }).hint).not.toMatch(/Fix the SQL/);
  });

  it('rejects a migration file whose name does not follow the Supabase pattern', async () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, 'add_things.sql'), 'select 1;');
    await expect(readMigrationFiles(dir)).rejects.toMatchObject({ code: 'USAGE' });
  });
});
