// Change capture (migration 20261201000100): what a change to a founder's DNA,
// media, copy or palette records in site_build_changes, which writes record
// nothing (the generator's own, the seed, a superseded revision, an unchanged
// row), and that all of it works before pg-boss exists.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../generator/db/database.ts';
import { asBuild, asFounder, asService } from '../../generator/db/roles.ts';
import { openTestDatabase } from '../helpers/database.ts';

const BAKERY = 'd7ea0000-0000-4000-8000-000000000001';
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';
let db: Database;

interface Change {
  user_id: string;
  kind: string;
  refs: string[];
  operation: string;
  actor: string | null;
}

const changes = () =>
  db.query<Change>(
    'select user_id::text, kind, refs, operation, actor from public.site_build_changes order by created_at, id',
  );

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.query('delete from public.site_build_changes');
});

describe('change capture', () => {
  it('the seeded database has no pending changes: loading demo founders is not an edit', async () => {
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from public.dream_dna_truth');
    expect(row?.n).toBe(8);
    expect(await changes()).toEqual([]);
  });

  it('a truth update records the facts that changed, naming the founder as actor', async () => {
    await asFounder(db, BAKERY_AUTH, (tx) =>
      tx.query(
        `update public.dream_dna_truth
            set tagline = 'Warm bread at seven.', field_confidence = field_confidence || '{"who_serves": 1}',
                extraction_source = 'manual_input'
          where user_id = $1`,
        [BAKERY],
      ),
    );
    expect(await changes()).toEqual([
      {
        user_id: BAKERY,
        kind: 'field',
        refs: ['tagline', 'who_serves'],
        operation: 'update',
        actor: BAKERY_AUTH,
      },
    ]);
  });

  it('records nothing for an update that changes nothing, or only where a version came from', async () => {
    await asService(db, async (tx) => {
      await tx.query('update public.dream_dna_truth set tagline = tagline where user_id = $1', [BAKERY]);
      await tx.query(`update public.dream_dna_truth set extraction_source = 'import' where user_id = $1`, [
        BAKERY,
      ]);
    });
    expect(await changes()).toEqual([]);
  });

  it('records classification, readings, media and the palette pick, each by kind', async () => {
    const [asset] = await db.query<{ id: string }>(
      'select id::text from public.media_assets where user_id = $1 order by id limit 1',
      [BAKERY],
    );
    await db.query(
      `insert into public.generated_websites (user_id, template_id, site_slug)
       select $1, (select id from public.website_templates limit 1), 'bakery'
        where exists (select 1 from public.website_templates)`,
      [BAKERY],
    );
    await asService(db, async (tx) => {
      await tx.query(`update public.dream_dna_type set scale_ambition = 55 where user_id = $1`, [BAKERY]);
      await tx.query(
        `update public.dream_dna_probability set user_confirmed = true where user_id = $1 and field_name = 'who_serves'`,
        [BAKERY],
      );
      await tx.query(`update public.media_assets set description = 'Loaves on the counter' where id = $1`, [
        asset!.id,
      ]);
    });
    expect((await changes()).map((c) => [c.kind, c.refs, c.operation])).toEqual([
      ['type', ['scale_ambition'], 'update'],
      ['reading', ['who_serves'], 'update'],
      ['asset', [asset!.id], 'update'],
    ]);
  });

  it('the generator recording a build requests nothing; the same write by anyone else does', async () => {
    const [asset] = await db.query<{ id: string }>(
      'select id::text from public.media_assets where user_id = $1 order by id limit 1',
      [BAKERY],
    );
    const swatch = (tx: { query: Database['query'] }, colour: string) =>
      tx.query(`update public.media_assets set dominant_color = $2 where id = $1`, [asset!.id, colour]);
    await asBuild(db, BAKERY, (tx) => swatch(tx, '#112233'));
    expect(await changes()).toEqual([]);
    await asService(db, (tx) => swatch(tx, '#445566'));
    expect((await changes()).map((c) => c.kind)).toEqual(['asset']);
    // The mark lasts one transaction only.
    await db.query('delete from public.site_build_changes');
    await db.query(`update public.media_assets set dominant_color = '#778899' where id = $1`, [asset!.id]);
    expect((await changes()).map((c) => c.kind)).toEqual(['asset']);
  });

  it('a founder’s new section revision is one change; the superseded revision is not another', async () => {
    const [site] = await db.query<{ id: string }>(
      `insert into public.generated_websites (user_id, site_slug) values ($1, 'bakery-sections')
       on conflict (site_slug) do update set site_slug = excluded.site_slug returning id::text`,
      [BAKERY],
    );
    await asBuild(db, BAKERY, (tx) =>
      tx.query(
        `insert into public.website_sections (website_id, user_id, page, section_key, section_type, revision, content)
         values ($1, $2, 'home', 'hero', 'hero', 1, '{"headline":"Bread"}')`,
        [site!.id, BAKERY],
      ),
    );
    expect(await changes()).toEqual([]);
    const [created] = await asFounder(db, BAKERY_AUTH, async (tx) => {
      await tx.query(
        `update public.website_sections set is_current = false
          where website_id = $1 and section_key = 'hero' and is_current`,
        [site!.id],
      );
      return tx.query<{ id: string }>(
        `insert into public.website_sections
           (website_id, user_id, page, section_key, section_type, revision, content, edited_by_founder)
         values ($1, $2, 'home', 'hero', 'hero', 2, '{"headline":"Our bread"}', true) returning id::text`,
        [site!.id, BAKERY],
      );
    });
    expect((await changes()).map((c) => [c.kind, c.refs, c.operation])).toEqual([
      ['section', [created!.id], 'insert'],
    ]);
    await asFounder(db, BAKERY_AUTH, (tx) =>
      tx.query(`update public.website_sections set status = 'approved' where id = $1`, [created!.id]),
    );
    expect((await changes()).map((c) => [c.kind, c.operation])).toEqual([
      ['section', 'insert'],
      ['section', 'update'],
    ]);
  });

  it('a template’s new version requests a build of every site on it, except the one whose build synced it', async () => {
    await db.query(
      `insert into public.website_templates (id, name, version_hash) values ('capture-test', 'Capture', 'v1')`,
    );
    const others = await db.query<{ id: string }>(
      `select id::text from public.users where slug in ('bakery', 'emergency-plumber', 'yoga-studio') order by id`,
    );
    expect(others).toHaveLength(3);
    for (const [i, u] of others.entries()) {
      await db.query(
        `insert into public.generated_websites (user_id, template_id, site_slug) values ($1, 'capture-test', $2)
         on conflict (site_slug) do update set template_id = 'capture-test'`,
        [u.id, `capture-${i}`],
      );
    }
    await db.query(`update public.website_templates set name = 'Renamed' where id = 'capture-test'`);
    expect(await changes()).toEqual([]);
    await asBuild(db, others[0]!.id, (tx) =>
      tx.query(`update public.website_templates set version_hash = 'v2' where id = 'capture-test'`),
    );
    const rows = await changes();
    expect(rows.map((c) => [c.kind, c.refs])).toEqual([
      ['template', ['capture-test']],
      ['template', ['capture-test']],
    ]);
    expect(rows.map((c) => c.user_id).sort()).toEqual(others.slice(1).map((u) => u.id));
  });

  it('deleting a founder cascades without recording anything or failing', async () => {
    const [user] = await db.query<{ id: string }>(
      `insert into public.users (slug) values ('short-lived') returning id::text`,
    );
    await db.query(`insert into public.dream_dna_truth (user_id, tagline) values ($1, 'Gone soon')`, [
      user!.id,
    ]);
    expect((await changes()).map((c) => [c.kind, c.operation])).toEqual([['field', 'insert']]);
    await db.query('delete from public.users where id = $1', [user!.id]);
    expect(await changes()).toEqual([]);
  });

  it('without pg-boss installed a change is only recorded, and no job table is needed', async () => {
    const [row] = await db.query<{ installed: boolean }>(
      `select to_regclass('pgboss.job') is not null as installed`,
    );
    expect(row?.installed).toBe(false);
    await db.query(`update public.dream_dna_truth set tagline = 'Recorded only' where user_id = $1`, [
      BAKERY,
    ]);
    expect(await changes()).toHaveLength(1);
  });
});
