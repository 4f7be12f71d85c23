import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { migrate } from '../../../generator/db/migrations.ts';
import { openPostgres } from '../../../generator/db/postgres.ts';
import { asFounder } from '../../../generator/db/roles.ts';
import { founderIdFromSlug } from '../../../generator/dna/founder-identity.ts';
import { isDreamseedError } from '../../../generator/errors.ts';
import { addFounder } from '../../../generator/founders/add-founder.ts';
import { listFounders } from '../../../generator/founders/list-founders.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { startPostgresServer } from '../../helpers/postgres-server.ts';

let db: Database;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe('addFounder', () => {
  it('creates the users row and its auth user, with the slug and id derived from the business name', async () => {
    const f = await addFounder(db, {
      business_name: 'Café Crème',
      customer_name: 'Ana Lima',
      customer_email: 'Ana@Example.com',
    });
    expect(f).toMatchObject({
      slug: 'cafe-creme',
      id: founderIdFromSlug('cafe-creme'),
      customer_email: 'ana@example.com',
    });
    const [auth] = await db.query<{ email: string }>('select email from auth.users where id = $1', [
      f.auth_user_id,
    ]);
    expect(auth!.email).toBe('ana@example.com');
    const [user] = await db.query<Record<string, unknown>>('select * from public.users where id = $1', [
      f.id,
    ]);
    expect(user).toMatchObject({
      business_name: 'Café Crème',
      customer_name: 'Ana Lima',
      auth_user_id: f.auth_user_id,
      status: 'onboarding',
      call_1_completed: false,
    });
    // The founder can sign in as themselves: RLS shows them their own row only.
    const seen = await asFounder(db, f.auth_user_id!, (tx) =>
      tx.query<{ id: string }>('select id from public.users'),
    );
    expect(seen.map((r) => r.id)).toEqual([f.id]);
    expect(await db.query('select 1 from public.dream_dna_truth where user_id = $1', [f.id])).toEqual([]);
  });

  it('gives another business with the same name the next free slug, and refuses the same founder twice', async () => {
    const a = await addFounder(db, {
      business_name: 'Rosa & Daughters Bakery',
      customer_email: 'other@example.com',
    });
    expect(a.slug).toBe('rosa-and-daughters-bakery');
    const b = await addFounder(db, { business_name: 'Rosa & Daughters Bakery' });
    expect(b.slug).toBe('rosa-and-daughters-bakery-2');
    const again = await addFounder(db, {
      business_name: 'rosa & daughters bakery',
      customer_email: 'OTHER@example.com',
    }).catch((e) => e);
    expect(isDreamseedError(again) && again.code).toBe('FOUNDER_EXISTS');
    expect(again.data).toEqual({ id: a.id, slug: a.slug });
  });

  it('refuses a blank name or a bad e-mail, naming the option, and stores nothing', async () => {
    const before = (await listFounders(db)).length;
    const e = await addFounder(db, { business_name: '  ', customer_email: 'not-an-email' }).catch((x) => x);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.data.issues).toEqual(['--business-name: is empty', '--email: is not an e-mail address']);
    expect((await listFounders(db)).length).toBe(before);
  });

  it('on a PostgreSQL server leaves auth.users to Supabase Auth', async () => {
    const server = await startPostgresServer();
    const pg = await openPostgres(server.url);
    try {
      await migrate(pg);
      const f = await addFounder(pg, {
        business_name: 'Northside Strength Club',
        customer_email: 'maya@example.com',
      });
      expect(f.auth_user_id).toBeNull();
      expect(await pg.query('select id from auth.users')).toEqual([]);
      expect(await pg.query('select slug, auth_user_id from public.users')).toEqual([
        { slug: 'northside-strength-club', auth_user_id: null },
      ]);
    } finally {
      await pg.close();
      await server.close();
    }
  });

  it('lists the demo founders and the new one with their call progress', async () => {
    const f = await addFounder(db, { business_name: 'Northside Strength Club' });
    const rows = await listFounders(db);
    expect(rows.find((r) => r.slug === 'bakery')).toMatchObject({
      calls: [1, 2, 3, 4],
      transcripts: 1,
      dna_version: 1,
    });
    expect(rows.find((r) => r.slug === f.slug)).toMatchObject({
      calls: [],
      transcripts: 0,
      dna_version: null,
    });
  });
});
