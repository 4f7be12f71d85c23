import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asAnon, asFounder, asService } from '../../../generator/db/roles.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/** The production code path for founder-scoped work: Row Level Security decides, as in Supabase. */
let db: Database;
let bakery: { id: string; auth_user_id: string };
let plumber: { id: string };

beforeAll(async () => {
  db = await openTestDatabase();
  const rows = await db.query<{ id: string; auth_user_id: string; slug: string }>(
    "select id, auth_user_id, slug from public.users where slug in ('bakery', 'emergency-plumber')",
  );
  bakery = rows.find((r) => r.slug === 'bakery')!;
  plumber = rows.find((r) => r.slug === 'emergency-plumber')!;
});
afterAll(async () => {
  await db.close();
});

describe('asFounder / asService / asAnon', () => {
  it('a founder sees only their own rows', async () => {
    const users = await asFounder(db, bakery.auth_user_id, (tx) =>
      tx.query<{ id: string }>('select id from public.users'),
    );
    expect(users.map((u) => u.id)).toEqual([bakery.id]);
    const truth = await asFounder(db, bakery.auth_user_id, (tx) =>
      tx.query<{ user_id: string }>('select user_id from public.dream_dna_truth'),
    );
    expect(truth.map((t) => t.user_id)).toEqual([bakery.id]);
  });

  it("a founder cannot change another founder's facts", async () => {
    const changed = await asFounder(db, bakery.auth_user_id, (tx) =>
      tx.query("update public.dream_dna_truth set tagline = 'hijacked' where user_id = $1 returning id", [
        plumber.id,
      ]),
    );
    expect(changed).toEqual([]);
    const [row] = await asService(db, (tx) =>
      tx.query<{ tagline: string | null }>('select tagline from public.dream_dna_truth where user_id = $1', [
        plumber.id,
      ]),
    );
    expect(row?.tagline).not.toBe('hijacked');
  });

  it('the service role sees every founder; anon sees nothing', async () => {
    const all = await asService(db, (tx) => tx.query('select id from public.users'));
    expect(all.length).toBeGreaterThanOrEqual(8);
    await expect(asAnon(db, (tx) => tx.query('select id from public.users'))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('the role lasts only for its transaction', async () => {
    await asFounder(db, bakery.auth_user_id, (tx) => tx.query('select 1'));
    const [who] = await db.query<{ role: string }>('select current_user as role');
    expect(who?.role).not.toBe('authenticated');
  });
});
