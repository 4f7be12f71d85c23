import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asFounder, asService } from '../../../generator/db/roles.ts';
import {
  findWebsite,
  insertDeployment,
  listDeployments,
  markFailed,
  markLive,
  reconcile,
  type Website,
} from '../../../generator/deploy/deployments.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/**
 * The deploy records: exactly one live deploy per site and target, a failure
 * recorded with its reason while the previous deploy stays live (and the site
 * row says so), and rows a killed process left `deploying` settled by what the
 * target actually serves.
 */
let db: Database;
let website: Website;

const outcome = (deployId: string) => ({
  deployId,
  url: `file:///live/${deployId}/`,
  previewUrl: null,
  uploadedFiles: 1,
  durationMs: 5,
});

beforeAll(async () => {
  db = await openTestDatabase();
  await db.query(
    `insert into public.generated_websites (user_id, site_slug, build_dir, build_hash)
     select id, slug, '/tmp/none', 'abc' from public.users where slug = 'bakery'`,
  );
  website = await asService(db, (tx) => findWebsite(tx, 'bakery'));
});
afterAll(async () => {
  await db?.close();
});

const start = (deployId: string | null, action: 'publish' | 'rollback' = 'publish') =>
  asService(db, (tx) =>
    insertDeployment(tx, {
      website,
      action,
      target: 'local',
      deployId,
      siteId: 'bakery',
      contentDigest: null,
      fileCount: 3,
      bytes: 100,
      scores: null,
      gateFailures: [],
      publishedBy: 'test',
      forced: false,
    }),
  );

const site = async () =>
  (
    await db.query<{ deploy_id: string | null; deployment_status: string; deploy_error: string | null }>(
      'select deploy_id, deployment_status, deploy_error from public.generated_websites where id = $1',
      [website.id],
    )
  )[0]!;

describe('deploy records', () => {
  it('keeps one live deploy per site and target, the previous one superseded', async () => {
    const a = await start('aaaaaaaaaaaaaaaa');
    await asService(db, (tx) => markLive(tx, a, outcome('aaaaaaaaaaaaaaaa'), 'test'));
    const b = await start('bbbbbbbbbbbbbbbb');
    await asService(db, (tx) => markLive(tx, b, outcome('bbbbbbbbbbbbbbbb'), 'test'));
    const rows = await asService(db, (tx) => listDeployments(tx, website.id));
    expect(rows.map((r) => [r.deploy_id, r.status, r.is_live])).toEqual([
      ['bbbbbbbbbbbbbbbb', 'live', true],
      ['aaaaaaaaaaaaaaaa', 'superseded', false],
    ]);
    expect(await site()).toMatchObject({
      deploy_id: 'bbbbbbbbbbbbbbbb',
      deployment_status: 'live',
      deploy_error: null,
    });
    // The database itself refuses a second live deploy for the same site and target.
    await expect(
      db.query(`update public.website_deployments set status = 'live' where deploy_id = 'aaaaaaaaaaaaaaaa'`),
    ).rejects.toThrow(/website_deployments_one_live/);
  });

  it('records a failure with its reason while the previous deploy stays live', async () => {
    const c = await start('cccccccccccccccc');
    await asService(db, (tx) => markFailed(tx, c, 'disk full', 12));
    const [row] = await db.query<{ status: string; error: string }>(
      'select status, error from public.website_deployments where id = $1',
      [c],
    );
    expect(row).toEqual({ status: 'failed', error: 'disk full' });
    const now = await site();
    expect(now.deployment_status).toBe('live');
    expect(now.deploy_id).toBe('bbbbbbbbbbbbbbbb');
    expect(now.deploy_error).toMatch(
      /publish at .* failed: disk full\. Deploy bbbbbbbbbbbbbbbb is still live\./,
    );
  });

  it('settles rows a killed process left deploying by what the target serves', async () => {
    const switched = await start('dddddddddddddddd');
    const interrupted = await start(null);
    expect(await asService(db, (tx) => reconcile(tx, website.id, 'local', 'dddddddddddddddd'))).toBe(2);
    const rows = await asService(db, (tx) => listDeployments(tx, website.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(switched)).toMatchObject({ status: 'live', is_live: true });
    expect(byId.get(interrupted)).toMatchObject({ status: 'failed' });
    expect(byId.get(interrupted)?.error).toMatch(/interrupted/);
    expect(rows.filter((r) => r.is_live).map((r) => r.deploy_id)).toEqual(['dddddddddddddddd']);
    expect((await site()).deploy_id).toBe('dddddddddddddddd');
    expect(await asService(db, (tx) => reconcile(tx, website.id, 'local', 'dddddddddddddddd'))).toBe(0);
  });

  it('lets a founder read their own history and write none of it', async () => {
    const [founder] = await db.query<{ auth_user_id: string }>(
      `select auth_user_id from public.users where slug = 'bakery'`,
    );
    const [other] = await db.query<{ auth_user_id: string }>(
      `select auth_user_id from public.users where slug = 'yoga-studio'`,
    );
    const own = await asFounder(db, founder!.auth_user_id, (tx) =>
      tx.query('select id from public.website_deployments'),
    );
    expect(own.length).toBeGreaterThan(3);
    const theirs = await asFounder(db, other!.auth_user_id, (tx) =>
      tx.query('select id from public.website_deployments'),
    );
    expect(theirs).toEqual([]);
    await expect(
      asFounder(db, founder!.auth_user_id, (tx) =>
        tx.query(`update public.website_deployments set status = 'live' where website_id = $1`, [website.id]),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
