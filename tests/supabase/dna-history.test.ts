// dream_dna_truth versioning: every change keeps the earlier value, who made
// it, and which fields changed, whoever makes it (founder through RLS, the
// service role, or a direct database connection).
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, actAs, attempt, databaseOwner, firstRow, founder, serviceRole } from './acting-as.ts';
import { openFreshDb } from './fresh-db.ts';

interface HistoryRow {
  version: number;
  operation: string;
  previous: Record<string, unknown>;
  changed_fields: string[];
  extraction_source: string | null;
  validated_by_user: boolean | null;
  changed_by: string;
}

let db: PGlite;
const alice = { authId: randomUUID(), userId: '', truthId: '' };
const bob = { authId: randomUUID(), userId: '', truthId: '' };

async function change(actor: Actor, set: string, truthId: string): Promise<void> {
  await actAs(
    db,
    actor,
    async (tx) => {
      const result = await tx.query(`update public.dream_dna_truth set ${set} where id = $1`, [truthId]);
      expect(result.affectedRows).toBe(1);
    },
    { commit: true },
  );
}

async function truth(truthId: string) {
  const { rows } = await db.query<{ version: number; what_problem: string; updated_by: string }>(
    `select version, what_problem, updated_by from public.dream_dna_truth where id = $1`,
    [truthId],
  );
  return rows[0];
}

async function history(truthId: string): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    `select version, operation, previous, changed_fields, extraction_source, validated_by_user, changed_by
     from public.dream_dna_truth_history where truth_id = $1 order by version`,
    [truthId],
  );
  return rows;
}

beforeAll(async () => {
  db = await openFreshDb();
  for (const [f, slug] of [
    [alice, 'alice-bakes'],
    [bob, 'bob-builds'],
  ] as const) {
    await db.query(`insert into auth.users (id, email) values ($1, $2)`, [f.authId, `${slug}@example.test`]);
    const profile = await db.query<{ id: string }>(
      `insert into public.users (auth_user_id, slug) values ($1, $2) returning id`,
      [f.authId, slug],
    );
    f.userId = firstRow(profile.rows).id;
    const truthRow = await db.query<{ id: string }>(
      `insert into public.dream_dna_truth (user_id, what_problem, who_serves, extraction_source, confidence_score)
       values ($1, 'Supermarket bread is stale by noon', 'Neighbours', 'call_1', 0.72) returning id`,
      [f.userId],
    );
    f.truthId = firstRow(truthRow.rows).id;
  }
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('dream_dna_truth history', () => {
  it('a new truth row starts at version 1, stamped with who created it', async () => {
    expect(await truth(alice.truthId)).toMatchObject({ version: 1, updated_by: 'postgres' });
    expect(await history(alice.truthId)).toEqual([]);
  });

  it('keeps both earlier values when a fact changes twice (founder via RLS, then service role)', async () => {
    await change(
      founder(alice.authId),
      `what_problem = 'Fresh sourdough is hard to find', extraction_source = 'manual_input', validated_by_user = true`,
      alice.truthId,
    );
    expect(await truth(alice.truthId)).toMatchObject({
      version: 2,
      what_problem: 'Fresh sourdough is hard to find',
      updated_by: alice.authId,
    });

    await change(
      serviceRole,
      `what_problem = 'No bakery within walking distance', extraction_source = 'call_2'`,
      alice.truthId,
    );
    expect(await truth(alice.truthId)).toMatchObject({
      version: 3,
      what_problem: 'No bakery within walking distance',
      updated_by: 'service_role',
    });

    const rows = await history(alice.truthId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      version: 1,
      operation: 'update',
      changed_fields: ['extraction_source', 'validated_by_user', 'what_problem'],
      extraction_source: 'call_1',
      validated_by_user: false,
      changed_by: alice.authId,
    });
    expect(rows[0]?.previous).toMatchObject({
      id: alice.truthId,
      version: 1,
      what_problem: 'Supermarket bread is stale by noon',
      who_serves: 'Neighbours',
      extraction_source: 'call_1',
      confidence_score: 0.72,
    });
    expect(rows[1]).toMatchObject({
      version: 2,
      operation: 'update',
      changed_fields: ['extraction_source', 'what_problem'],
      extraction_source: 'manual_input',
      validated_by_user: true,
      changed_by: 'service_role',
    });
    expect(rows[1]?.previous).toMatchObject({ version: 2, what_problem: 'Fresh sourdough is hard to find' });
  });

  it('records a direct database connection by its role', async () => {
    await change(databaseOwner, `tagline = 'Bread worth the walk'`, alice.truthId);
    const rows = await history(alice.truthId);
    expect(rows.at(-1)).toMatchObject({ version: 3, changed_fields: ['tagline'], changed_by: 'postgres' });
    expect(await truth(alice.truthId)).toMatchObject({ version: 4, updated_by: 'postgres' });
  });

  it('an update that changes no fact neither bumps the version nor writes history', async () => {
    const before = await history(alice.truthId);
    await change(founder(alice.authId), `what_problem = what_problem, updated_at = now()`, alice.truthId);
    expect(await truth(alice.truthId)).toMatchObject({ version: 4 });
    expect(await history(alice.truthId)).toHaveLength(before.length);
  });

  it('version and updated_by cannot be set by the client', async () => {
    await change(
      founder(alice.authId),
      `version = 99, updated_by = 'someone-else', business_stage = 'idea'`,
      alice.truthId,
    );
    expect(await truth(alice.truthId)).toMatchObject({ version: 5, updated_by: alice.authId });
    expect((await history(alice.truthId)).at(-1)).toMatchObject({
      version: 4,
      changed_fields: ['business_stage'],
    });
  });

  it('the founder reads their own history; another founder sees none of it', async () => {
    const own = await actAs(db, founder(alice.authId), (tx) =>
      tx.query<{ n: number }>(`select count(*)::int as n from public.dream_dna_truth_history`),
    );
    expect(own.rows[0]?.n).toBe((await history(alice.truthId)).length);
    const other = await actAs(db, founder(bob.authId), (tx) =>
      tx.query<{ n: number }>(
        `select count(*)::int as n from public.dream_dna_truth_history where user_id = $1`,
        [alice.userId],
      ),
    );
    expect(other.rows[0]?.n).toBe(0);
  });

  it('another founder cannot change the truth row, so no history is written for them', async () => {
    const before = await history(alice.truthId);
    const outcome = await attempt(
      db,
      founder(bob.authId),
      `update public.dream_dna_truth set tagline = 'hijacked' where id = $1`,
      [alice.truthId],
    );
    expect(outcome).toMatchObject({ ok: true, affected: 0 });
    expect(await history(alice.truthId)).toEqual(before);
  });

  it('founders cannot write history themselves', async () => {
    for (const sql of [
      `insert into public.dream_dna_truth_history (truth_id, user_id, version, operation, previous)
       values ('${alice.truthId}', '${alice.userId}', 42, 'update', '{}')`,
      `update public.dream_dna_truth_history set changed_by = 'forged'`,
      `delete from public.dream_dna_truth_history`,
    ]) {
      const outcome = await attempt(db, founder(alice.authId), sql);
      expect(outcome.ok ? 'ok' : outcome.code, sql).toBe('42501');
    }
  });

  it('history is append-only, even for the service role', async () => {
    const outcome = await attempt(
      db,
      serviceRole,
      `update public.dream_dna_truth_history set changed_by = 'forged'`,
    );
    expect(outcome.ok ? 'ok' : outcome.code).toBe('23001');
  });

  it('deleting the truth row keeps its last version in history', async () => {
    await actAs(
      db,
      serviceRole,
      (tx) => tx.query(`delete from public.dream_dna_truth where id = $1`, [bob.truthId]),
      {
        commit: true,
      },
    );
    const rows = await history(bob.truthId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      version: 1,
      operation: 'delete',
      changed_by: 'service_role',
      extraction_source: 'call_1',
      changed_fields: [
        'confidence_score',
        'extraction_source',
        'field_confidence',
        'user_id',
        'validated_by_user',
        'validated_fields',
        'what_problem',
        'who_serves',
      ],
    });
    expect(rows[0]?.previous).toMatchObject({ what_problem: 'Supermarket bread is stale by noon' });
  });

  it('deleting a founder removes their truth and history without error', async () => {
    await db.query(`delete from public.users where id = $1`, [alice.userId]);
    const { rows } = await db.query<{ truth: number; history: number }>(
      `select (select count(*)::int from public.dream_dna_truth where user_id = $1) as truth,
              (select count(*)::int from public.dream_dna_truth_history where user_id = $1) as history`,
      [alice.userId],
    );
    expect(rows[0]).toEqual({ truth: 0, history: 0 });
  });
});
