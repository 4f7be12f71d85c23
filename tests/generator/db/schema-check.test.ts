import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { readMigrationFiles } from '../../../generator/db/migrations.ts';
import { openPglite } from '../../../generator/db/pglite.ts';
import { asService } from '../../../generator/db/roles.ts';
import { assertMigrated, explainSchemaError, pendingMigrations } from '../../../generator/db/schema-check.ts';
import { DreamseedError } from '../../../generator/errors.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/**
 * A statement that fails because the database lacks migrations is reported as
 * DB_NOT_MIGRATED, naming the migrations and the command to run; any other
 * failure keeps its own error.
 */
const open: Database[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});
const track = <T extends Database>(db: T) => {
  open.push(db);
  return db;
};
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('schema check', { timeout: 60_000 }, () => {
  it('a database never migrated: every migration pending, DB_NOT_MIGRATED pointing at db reset', async () => {
    const db = track(await openPglite());
    const files = await readMigrationFiles();
    expect((await pendingMigrations(db)).pending.map((m) => m.version)).toEqual(files.map((f) => f.version));
    // What every founder-scoped command does first: take the service role, which does not exist yet.
    const raw = await failureOf(asService(db, (tx) => tx.query('select 1')));
    const error = await explainSchemaError(db, raw);
    expect(error).toBeInstanceOf(DreamseedError);
    expect((error as DreamseedError).code).toBe('DB_NOT_MIGRATED');
    expect((error as DreamseedError).message).toMatch(
      new RegExp(`has no schema yet: none of the ${files.length} migrations is applied`),
    );
    expect((error as DreamseedError).hint).toMatch(/dreamseed db reset/);
    // PostgreSQL's own words stay with it, for DREAMSEED_DEBUG.
    expect((error as DreamseedError).cause).toBe(raw);
    await expect(assertMigrated(db)).rejects.toMatchObject({ code: 'DB_NOT_MIGRATED' });
  });

  it('a database behind by a migration names it and points at db migrate', async () => {
    const db = track(await openTestDatabase({ seed: false }));
    const last = (await readMigrationFiles()).at(-1)!;
    await db.query('delete from supabase_migrations.schema_migrations where version = $1', [last.version]);
    const raw = await failureOf(db.query('select * from public.no_such_table'));
    const error = (await explainSchemaError(db, raw)) as DreamseedError;
    expect(error.code).toBe('DB_NOT_MIGRATED');
    expect(error.message).toContain(`1 of`);
    expect(error.message).toContain(`${last.version}_${last.name}`);
    expect(error.hint).toBe('Apply them: `dreamseed db migrate`.');
    expect(error.data).toMatchObject({ pending: [last.version] });
  });

  it('keeps the error as it is when nothing is pending, or when the failure is not about the schema', async () => {
    const migrated = track(await openTestDatabase({ seed: false }));
    await expect(assertMigrated(migrated)).resolves.toBeUndefined();
    const missingTable = await failureOf(migrated.query('select * from public.no_such_table'));
    expect(await explainSchemaError(migrated, missingTable)).toBe(missingTable);

    const empty = track(await openPglite());
    const division = await failureOf(empty.query('select 1 / 0'));
    expect(await explainSchemaError(empty, division)).toBe(division);
    // invalid_parameter_value for anything but a missing role is not the schema's doing.
    const badArgument = await failureOf(empty.query('select generate_series(1, 3, 0)'));
    expect((badArgument as { code?: string }).code).toBe('22023');
    expect(await explainSchemaError(empty, badArgument)).toBe(badArgument);
    const plain = new Error('not a database error');
    expect(await explainSchemaError(empty, plain)).toBe(plain);
  });
});
