import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { applySeed, migrate, migrationStatus } from '../../../generator/db/migrations.ts';
import { openPostgres } from '../../../generator/db/postgres.ts';
import { asAnon, asFounder, asService } from '../../../generator/db/roles.ts';
import { runCliAsync, tempHome } from '../../helpers/cli.ts';
import { startPostgresServer, type TestPostgresServer } from '../../helpers/postgres-server.ts';

/**
 * The `postgres://` path (Supabase in production) end to end: the real
 * `postgres` driver over the wire protocol to a loopback server, migrations,
 * the seed with its own BEGIN/COMMIT, RLS per request, and the CLI resetting,
 * migrating and generating against it.
 */
let server: TestPostgresServer;
let db: Database;
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';

beforeAll(async () => {
  server = await startPostgresServer();
  db = await openPostgres(server.url);
});

afterAll(async () => {
  await db?.close();
  await server?.close();
});

describe('PostgreSQL through the postgres driver', { timeout: 120_000 }, () => {
  it('migrates a server from zero, then has nothing to do', async () => {
    const first = await migrate(db);
    expect(first.bootstrapped).toBe(true);
    expect(first.applied.length).toBeGreaterThan(5);
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect((await migrationStatus(db)).every((s) => s.state === 'applied')).toBe(true);
  });

  it('runs the seed, which carries its own BEGIN/COMMIT, on one connection', async () => {
    await applySeed(db);
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from public.users');
    expect(row?.n).toBe(8);
    // The pool is usable afterwards: no connection was left inside the script's transaction.
    const results = await Promise.all(
      Array.from({ length: 6 }, () => db.query<{ one: number }>('select 1 as one')),
    );
    expect(results.flat()).toEqual(Array.from({ length: 6 }, () => ({ one: 1 })));
  });

  it('stores JSON text given for a jsonb parameter as that JSON, as PGlite does (not as a JSON string)', async () => {
    const [row] = await db.query<{ t: string; j: unknown; o: string }>(
      'select jsonb_typeof($1::jsonb) as t, $1::jsonb as j, jsonb_typeof($2::jsonb) as o',
      [JSON.stringify([{ name: 'Loaf' }]), { plain: 'object' }],
    );
    expect(row).toEqual({ t: 'array', j: [{ name: 'Loaf' }], o: 'object' });
  });

  it('rolls back a script that fails after its BEGIN, leaving nothing half-applied', async () => {
    await expect(
      db.exec('begin; create table public.half_done (id int); select * from no_such_table; commit;'),
    ).rejects.toThrow(/no_such_table/);
    const [row] = await db.query<{ exists: boolean }>(
      "select to_regclass('public.half_done') is not null as exists",
    );
    expect(row?.exists).toBe(false);
  });

  it('applies Row Level Security per request: a founder reads only their own row, anon is refused', async () => {
    const mine = await asFounder(db, BAKERY_AUTH, (tx) =>
      tx.query<{ slug: string }>('select slug from public.users'),
    );
    expect(mine).toEqual([{ slug: 'bakery' }]);
    await expect(asAnon(db, (tx) => tx.query('select id from public.users'))).rejects.toThrow(
      /permission denied for table users/,
    );
    const all = await asService(db, (tx) => tx.query('select id from public.users'));
    expect(all).toHaveLength(8);
    // The role was per transaction: the connection is back to the login role.
    const [who] = await db.query<{ role: string }>('select current_user as role');
    expect(who?.role).toBe('postgres');
  });

  it('the CLI resets the server twice, keeping Supabase’s grants, and generates a site from it', async () => {
    const home = tempHome();
    const env = { DREAMSEED_DB: server.url };
    for (let i = 0; i < 2; i++) {
      const reset = await runCliAsync(['db', 'reset', '--json'], home, env);
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stderr).not.toContain('unused-password');
      expect(JSON.parse(reset.stdout)).toMatchObject({ seeded: true });
    }
    const [grants] = await db.query<{ usage: boolean; defaults: number }>(
      `select has_schema_privilege('anon', 'public', 'usage') as usage,
              (select count(*)::int from pg_default_acl where defaclnamespace = 'public'::regnamespace) as defaults`,
    );
    expect(grants).toEqual({ usage: true, defaults: 3 });

    const generated = await runCliAsync(['generate', '--demo', 'bakery', '--json'], home, env);
    expect(generated.code, generated.stderr).toBe(0);
    const summary = JSON.parse(generated.stdout);
    expect(summary.recorded.sections_written).toBeGreaterThan(0);
    const [site] = await db.query<{ n: number }>(
      `select count(*)::int as n from public.website_sections s
         join public.generated_websites w on w.id = s.website_id
         join public.users u on u.id = w.user_id
        where u.slug = 'bakery' and s.is_current`,
    );
    expect(site?.n).toBe(summary.recorded.sections_written);
  });
});
