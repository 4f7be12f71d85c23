import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bossDatabase } from '../../../generator/jobs/boss-session.ts';

/** pg-boss's statements on one PGlite session: scripts are atomic, and a failing one never poisons the session. */
let pglite: PGlite;
beforeAll(async () => {
  pglite = await PGlite.create();
  await pglite.exec('create table t (x int)');
});
afterAll(async () => {
  await pglite.close();
});

describe('pg-boss on a PGlite session', () => {
  it('runs parameterised statements, and scripts with every statement’s rows in order', async () => {
    const db = bossDatabase(pglite);
    expect((await db.executeSql('select $1::int + 1 as n', [1])).rows).toEqual([{ n: 2 }]);
    const script = await db.executeSql(
      'BEGIN; insert into t values (1) returning x; select 10 as y; COMMIT;',
    );
    expect(script.rows).toEqual([{ x: 1 }, { y: 10 }]);
  });

  it('rolls a failing script back before anything else can run on the session', async () => {
    const db = bossDatabase(pglite);
    const failing = db.executeSql('BEGIN; insert into t values (2); select 1/0; COMMIT;');
    // Queued behind it on the same session: must not run inside the aborted transaction.
    const next = pglite.query<{ n: number }>('select count(*)::int as n from t');
    await expect(failing).rejects.toThrow(/division by zero/);
    expect((await next).rows).toEqual([{ n: 1 }]);
  });

  it('delivers notifications through LISTEN', async () => {
    const db = bossDatabase(pglite);
    const got: string[] = [];
    let reconnected = 0;
    const handle = await db.listen!(
      'ch',
      (p) => got.push(p),
      () => reconnected++,
    );
    await pglite.query(`select pg_notify('ch', 'hello')`);
    await new Promise((r) => setTimeout(r, 20));
    await handle.close();
    expect(got).toEqual(['hello']);
    expect(reconnected).toBe(1);
  });
});
