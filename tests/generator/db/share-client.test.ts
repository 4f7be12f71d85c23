import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { type EmbeddedDatabase, openEmbedded } from '../../../generator/db/embedded.ts';
import { asFounder, asService } from '../../../generator/db/roles.ts';
import { isDreamseedError } from '../../../generator/errors.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { type Holder, seededDataDir, startHolder } from '../../helpers/db-holder.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

const scratch = scratchFolders();

// Every type the project's tables hold, and a few PGlite parses specially.
const TYPES_SQL = `select
  timestamptz '2026-01-02 03:04:05.678+00' as ts, timestamp '2026-01-02 03:04:05' as ts_naive,
  date '2026-01-02' as day, interval '1 day 2 hours' as span,
  12.50::numeric as num, 3.25::float8 as f8, 'Infinity'::float8 as inf, 'NaN'::float8 as nan, (-0.0)::float8 as neg_zero,
  2147483647::int4 as i4, 9007199254740993::int8 as i8, 42::int2 as i2,
  '{"a":[1,"x",null,{"b":true}],"$d":"not a date"}'::jsonb as j, '[1,2]'::json as js,
  array[1,2,3] as ints, array['a',null,'c'] as texts, array[timestamptz '2026-01-01 00:00:00+00'] as stamps,
  array[[1,2],[3,4]] as grid, '\\x00ff10'::bytea as bytes, ''::bytea as no_bytes,
  null::text as nothing, true as yes, 'c0ffee00-0000-4000-8000-000000000000'::uuid as id,
  '[1,2,3]'::extensions.vector as vec, 'line one\nline "two"'::text as words`;

const PARAMS_SQL = `select $1::timestamptz as a, $2::jsonb as b, $3::bytea as c, $4::int[] as d, $5::text as e,
  $6::numeric as f, $7::text[] as g, $8::bool as h`;
const PARAMS = [
  new Date('2026-05-06T07:08:09.010Z'),
  { x: [1, { y: 2 }], when: '2026-01-01' },
  new Uint8Array([1, 2, 255]),
  [1, 2],
  null,
  '1.5',
  ['a', 'b,c', 'd"e'],
  false,
];

describe('results through a shared client are exactly what PGlite gives in-process', {
  timeout: 120_000,
}, () => {
  let holder: Holder;
  let shared: EmbeddedDatabase;
  let direct: Database & { pglite: import('@electric-sql/pglite').PGlite };

  beforeAll(async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-client-'), 'db'));
    holder = await startHolder(dataDir, 'serve');
    shared = await openEmbedded(dataDir, { waitMs: 0 });
    direct = await openTestDatabase();
  });

  afterAll(async () => {
    await shared?.close();
    await direct?.close();
    holder?.process.kill('SIGTERM');
    await holder?.exited;
  });

  it('is a client, not a second PGlite', () => {
    expect(shared.sharedBy?.pid).toBe(holder.pid);
    expect(shared.pglite).toBeUndefined();
  });

  it('gives the same JS values and classes for every type (Date, numeric, int8, jsonb, arrays, bytea, vector, null)', async () => {
    const [viaClient] = await shared.query(TYPES_SQL);
    const [inProcess] = await direct.query(TYPES_SQL);
    expect(viaClient).toStrictEqual(inProcess);
    expect(viaClient!.ts).toBeInstanceOf(Date);
    expect(viaClient!.bytes).toBeInstanceOf(Uint8Array);
    expect(viaClient!.bytes).not.toBeInstanceOf(Buffer);
    expect(Object.is(viaClient!.neg_zero, inProcess!.neg_zero)).toBe(true);
    expect(viaClient!.nan).toBeNaN();
    expect(viaClient!.j).toEqual({ a: [1, 'x', null, { b: true }], $d: 'not a date' });
  });

  it('sends parameters as they are (Date, objects, Uint8Array, arrays, null) and gives the same rows back', async () => {
    const [viaClient] = await shared.query(PARAMS_SQL, PARAMS);
    const [inProcess] = await direct.query(PARAMS_SQL, PARAMS);
    expect(viaClient).toStrictEqual(inProcess);
    expect(viaClient!.a).toEqual(PARAMS[0]);
  });

  it('gives the whole PGlite result (fields, affected rows) for query and exec, in and out of a transaction', async () => {
    for (const db of [shared, direct])
      await db.exec('create temp table if not exists probe (id int, at timestamptz)');
    const run = async (session: EmbeddedDatabase['session']) => {
      const inserted = await session.query('insert into probe values ($1, $2), ($1, $2)', [1, new Date(0)]);
      const script = await session.exec('update probe set id = 2; select id, at from probe');
      const inside = await session.transaction(async (tx) => {
        const r = await tx.query('delete from probe where id = $1 returning id', [2]);
        await tx.rollback();
        return { r, closed: tx.closed };
      });
      const after = await session.query('select count(*)::int as n from probe');
      await session.exec('delete from probe');
      return { inserted, script, inside, after };
    };
    const viaClient = await run(shared.session);
    const inProcess = await run(direct.pglite);
    expect(viaClient).toStrictEqual(inProcess);
    expect(viaClient.inside).toMatchObject({ closed: true, r: { affectedRows: 2 } });
    expect(viaClient.after.rows).toEqual([{ n: 2 }]);
  });

  it('throws the same error PGlite throws: its class, SQLSTATE, constraint, detail and message', async () => {
    const sql = `insert into public.users (id, slug, business_name) select id, slug, business_name from public.users limit 1`;
    const viaClient = (await shared.query(sql).catch((e: unknown) => e)) as Error & Record<string, unknown>;
    const inProcess = (await direct.query(sql).catch((e: unknown) => e)) as Error & Record<string, unknown>;
    expect(viaClient.constructor).toBe(inProcess.constructor);
    expect(viaClient.message).toBe(inProcess.message);
    for (const key of ['code', 'constraint', 'table', 'detail', 'severity', 'schema'])
      expect([key, viaClient[key]]).toEqual([key, inProcess[key]]);
    expect(viaClient.code).toBe('23505');
  });

  it('applies Row Level Security through asFounder: a founder sees and changes only their own rows', async () => {
    const founders = await asService(shared, (tx) =>
      tx.query<{ slug: string; auth_user_id: string }>(
        'select slug, auth_user_id from public.users where auth_user_id is not null order by slug',
      ),
    );
    expect(founders.length).toBeGreaterThanOrEqual(2);
    const [me, other] = founders as [(typeof founders)[0], (typeof founders)[0]];
    const seen = await asFounder(shared, me.auth_user_id, (tx) =>
      tx.query<{ slug: string }>('select slug from public.users'),
    );
    expect(seen).toEqual([{ slug: me.slug }]);
    const changed = await asFounder(shared, me.auth_user_id, (tx) =>
      tx.query(`update public.users set business_name = 'hijacked' where slug = $1 returning slug`, [
        other.slug,
      ]),
    );
    expect(changed).toEqual([]);
    // The role and claims were local to that transaction: the next statement runs as the connection's role again.
    const [after] = await shared.query<{ role: string; claims: string | null }>(
      `select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims`,
    );
    expect(after).toEqual({ role: 'postgres', claims: null });
  });
});

describe('a client whose holder is killed', { timeout: 120_000 }, () => {
  it('gets DB_HOLDER_GONE naming the holder; the next command opens the database itself', async () => {
    const dataDir = await seededDataDir(join(scratch('dreamseed-client-gone-'), 'db'));
    const holder = await startHolder(dataDir, 'serve');
    const a = await openEmbedded(dataDir, { waitMs: 0 });
    const b = await openEmbedded(dataDir, { waitMs: 0 });
    await a.exec('create table gone_probe (id int)');
    let inFlight: Promise<unknown> | undefined;
    const failure = await a
      .transaction(async (tx) => {
        await tx.query('insert into gone_probe values (1)');
        inFlight = b.query('insert into gone_probe values (2)').catch((e: unknown) => e); // waits for a's transaction
        holder.process.kill('SIGKILL');
        await holder.exited;
        await tx.query('insert into gone_probe values (3)');
      })
      .catch((e: unknown) => e);
    expect(isDreamseedError(failure) && failure.code).toBe('DB_HOLDER_GONE');
    expect((failure as Error).message).toContain(`process ${holder.pid}`);
    expect((failure as Error).message).toContain('the transaction was rolled back');
    const statement = await inFlight;
    expect(isDreamseedError(statement) && statement.code).toBe('DB_HOLDER_GONE');
    expect((statement as Error).message).toContain('whether the last statement took effect is unknown');
    const later = await a.query('select 1').catch((e: unknown) => e);
    expect(isDreamseedError(later) && later.code).toBe('DB_HOLDER_GONE');
    await a.close();
    await b.close();

    const own = await openEmbedded(dataDir, { waitMs: 0 });
    try {
      expect(own.pglite).toBeDefined();
      expect(await own.query('select id from gone_probe')).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
