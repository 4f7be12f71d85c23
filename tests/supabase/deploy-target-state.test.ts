// Migration 20261125000011_deploy_target_state on a database that already has
// websites published to Netlify: the Netlify site moves into deploy_remote,
// netlify_site_id (a column of the specification) follows it, read-only, and
// website_deployments takes any well-formed target name.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBootstrap as bootstrapWith, readMigrationFiles } from '../../generator/db/migrations.ts';
import { openPglite } from '../../generator/db/pglite.ts';
import { attempt, serviceRole } from './acting-as.ts';

const MIGRATION = '20261125000011';
let db: PGlite;
const sites: Record<string, string> = {};

beforeAll(async () => {
  const handle = await openPglite();
  db = handle.pglite;
  await bootstrapWith(handle);
  const files = await readMigrationFiles();
  for (const f of files.filter((f) => f.version < MIGRATION)) await db.exec(f.sql);
  for (const [slug, id, name] of [
    ['both', 'site-1', 'dreamseed-both'],
    ['id-only', 'site-2', null],
    ['none', null, null],
  ] as const) {
    const user = await db.query<{ id: string }>(`insert into public.users (slug) values ($1) returning id`, [
      slug,
    ]);
    const site = await db.query<{ id: string }>(
      `insert into public.generated_websites (user_id, site_slug, netlify_site_id, netlify_site_name)
       values ($1, $2, $3, $4) returning id`,
      [user.rows[0]!.id, slug, id, name],
    );
    sites[slug] = site.rows[0]!.id;
  }
  for (const f of files.filter((f) => f.version >= MIGRATION)) await db.exec(f.sql);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const row = async (slug: string) =>
  (
    await db.query<{ deploy_remote: unknown; netlify_site_id: string | null }>(
      'select deploy_remote, netlify_site_id from public.generated_websites where id = $1',
      [sites[slug]],
    )
  ).rows[0]!;

describe('deploy target state', () => {
  it('moves the Netlify site into deploy_remote, losing nothing', async () => {
    expect(await row('both')).toEqual({
      deploy_remote: { netlify: { id: 'site-1', name: 'dreamseed-both' } },
      netlify_site_id: 'site-1',
    });
    expect(await row('id-only')).toEqual({
      deploy_remote: { netlify: { id: 'site-2' } },
      netlify_site_id: 'site-2',
    });
    expect(await row('none')).toEqual({ deploy_remote: {}, netlify_site_id: null });
    const columns = await db.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_schema = 'public' and table_name = 'generated_websites' and column_name like 'netlify%'`,
    );
    expect(columns.rows.map((c) => c.column_name)).toEqual(['netlify_site_id']);
  });

  it('derives netlify_site_id from deploy_remote, and keeps deploy_remote an object', async () => {
    await db.query(
      `update public.generated_websites set deploy_remote = deploy_remote || '{"netlify": {"id": "site-3", "name": "n"}}'
        where id = $1`,
      [sites.none],
    );
    expect((await row('none')).netlify_site_id).toBe('site-3');
    await expect(
      db.query(`update public.generated_websites set netlify_site_id = 'forged' where id = $1`, [sites.none]),
    ).rejects.toThrow(/can only be updated to DEFAULT/);
    await expect(
      db.query(`update public.generated_websites set deploy_remote = '[]' where id = $1`, [sites.none]),
    ).rejects.toThrow(/generated_websites_deploy_remote_object/);
  });

  it('records a deploy on any well-formed target name, and refuses a malformed one', async () => {
    const insert = (target: string) =>
      attempt(
        db,
        serviceRole,
        `insert into public.website_deployments (website_id, user_id, target, published_by)
         select id, user_id, $2, 'test' from public.generated_websites where id = $1`,
        [sites.both, target],
      );
    const ok = await insert('s3-bucket');
    expect(ok.ok && ok.affected).toBe(1);
    const bad = await insert('Not A Target');
    expect(bad.ok ? 'ok' : bad.code).toBe('23514');
  });
});
