import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { autoPublish, setAutoPublish } from '../../../generator/jobs/auto-publish.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { publishSite } from '../../../generator/stages/deploy-site.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * After an automatic build: nothing unless the founder turned auto-publish on;
 * then only through the gate (a refusal is an outcome, nothing deployed), and
 * never the same bytes twice. (A build that passes the gate and goes live:
 * tests/scripts/dreamseed-worker.test.ts, with real measurements.)
 */
const scratch = scratchFolders();
const home = scratch('dreamseed-auto-publish-');
let db: Database;
let userId: string;
const deployments = async () =>
  (
    await db.query<{ n: number }>(
      'select count(*)::int as n from public.website_deployments where user_id = $1',
      [userId],
    )
  )[0]!.n;

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  userId = (await generateSite({ source: { kind: 'founder', idOrSlug: 'bakery' }, db, writer: 'offline' }))
    .founder.id;
}, 180_000);
afterAll(async () => {
  await db?.close();
});

describe('auto-publish', { timeout: 120_000 }, () => {
  it('does nothing while the founder has not turned it on', async () => {
    expect(await autoPublish(db, userId, loadConfig())).toEqual({ status: 'off' });
    expect(await deployments()).toBe(0);
  });

  it('goes through the gate: unapproved sections refuse it, and nothing is deployed', async () => {
    await asService(db, (tx) => setAutoPublish(tx, userId, true, null));
    const outcome = await autoPublish(db, userId, loadConfig());
    expect(outcome).toMatchObject({ status: 'refused', target: 'local' });
    expect(outcome.status === 'refused' && outcome.reasons.join('\n')).toMatch(/not approved|approve/i);
    expect(await deployments()).toBe(0);
  });

  it('does not deploy bytes that are already live there', async () => {
    const live = await publishSite({
      db,
      config: loadConfig(),
      user: userId,
      target: 'local',
      publishedBy: 'test',
      force: true,
      skipScore: true,
    });
    expect(await deployments()).toBe(1);
    expect(await autoPublish(db, userId, loadConfig())).toEqual({
      status: 'already-live',
      target: 'local',
      deploy_id: live.deploy_id,
    });
    expect(await deployments()).toBe(1);
  });

  it('refuses a target that does not exist, and a founder without a website', async () => {
    await expect(asService(db, (tx) => setAutoPublish(tx, userId, true, 'ftp'))).rejects.toMatchObject({
      code: 'USAGE',
    });
    const [other] = await db.query<{ id: string }>(
      `select id::text from public.users where slug = 'yoga-studio'`,
    );
    await expect(asService(db, (tx) => setAutoPublish(tx, other!.id, true, null))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
