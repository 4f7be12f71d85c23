import type { PGlite } from '@electric-sql/pglite';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { enqueueWaiting } from '../../../generator/jobs/changes.ts';
import {
  BUILD_QUEUE,
  ensureBuildQueue,
  openBoss,
  queueInstalled,
  setDebounce,
} from '../../../generator/jobs/queue.ts';
import { BUILD_CHANNEL } from '../../../generator/jobs/wake-up.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { testJobSettings } from '../../helpers/job-settings.ts';

/**
 * The contract with pg-boss 12.38.0: a job the change-capture trigger inserts
 * (supabase/migrations/20261201000100_site_build_queue.sql) behaves like one
 * pg-boss's send() makes: the stately policy keeps one waiting, one retrying
 * and one running job per site, the queue's retry, lease and expiry options
 * apply, and failures back off until the job is dead with its error.
 */
const BAKERY = 'd7ea0000-0000-4000-8000-000000000001';
const PLUMBER_SLUG = 'emergency-plumber';
let db: Database & { pglite: PGlite };
let boss: PgBoss;
const settings = testJobSettings({
  attempts: 3,
  retryDelaySeconds: 1,
  leaseSeconds: 12,
  timeoutSeconds: 300,
});

interface JobRow {
  id: string;
  state: string;
  singleton_key: string;
  policy: string;
  retry_limit: number;
  retry_count: number;
  retry_backoff: boolean;
  heartbeat_seconds: number;
  expire_seconds: number;
  start_after: Date;
  output: { message?: string } | null;
  due_in_ms: number;
}

const jobs = (user: string) =>
  db.query<JobRow>(
    `select id::text, state::text, singleton_key, policy, retry_limit, retry_count, retry_backoff, heartbeat_seconds,
            expire_seconds, start_after, output,
            (extract(epoch from start_after - now()) * 1000)::int as due_in_ms
       from pgboss.job where name = $1 and singleton_key = $2 order by created_on`,
    [BUILD_QUEUE, user],
  );
const edit = (user: string, tagline: string) =>
  db.query('update public.dream_dna_truth set tagline = $2 where user_id = $1', [user, tagline]);

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, close: false }).catch(() => undefined);
  await db?.close();
});

describe('the build queue on pg-boss 12.38.0', () => {
  it('changes recorded before pg-boss existed become one job per site when the queue is installed', async () => {
    await edit(BAKERY, 'Recorded before any worker');
    await edit(BAKERY, 'Recorded twice before any worker');
    expect(await queueInstalled(db)).toBe(false);
    boss = await openBoss(db, { supervise: false, settings });
    await ensureBuildQueue(boss, db, settings);
    expect(await queueInstalled(db)).toBe(true);
    expect(await enqueueWaiting(db)).toBe(1);
    expect(await enqueueWaiting(db)).toBe(0);
    const [job] = await jobs(BAKERY);
    expect(job).toMatchObject({
      state: 'created',
      policy: 'stately',
      retry_limit: 2,
      retry_backoff: true,
      heartbeat_seconds: 12,
      expire_seconds: 300,
    });
  });

  it('a trigger-inserted job absorbs the edits made while it waits (the debounce), due after the window', async () => {
    const [plumber] = await db.query<{ id: string }>('select id::text from public.users where slug = $1', [
      PLUMBER_SLUG,
    ]);
    await setDebounce(db, 2000);
    const notified: string[] = [];
    const unlisten = await db.pglite.listen(BUILD_CHANNEL, (payload) => notified.push(payload));
    for (let i = 0; i < 5; i++) await edit(plumber!.id, `Edit ${i}`);
    await unlisten();
    const list = await jobs(plumber!.id);
    expect(list).toHaveLength(1);
    // Due one window after the first edit (the edits themselves took a while on a busy machine).
    const [first] = await db.query<{ window_ms: number }>(
      `select (extract(epoch from $2::timestamptz - min(created_at)) * 1000)::int as window_ms
         from public.site_build_changes where user_id = $1`,
      [plumber!.id, list[0]!.start_after],
    );
    expect(first!.window_ms).toBeGreaterThan(1800);
    expect(first!.window_ms).toBeLessThanOrEqual(2000);
    // Only the edit that created the job announces it, with its due time.
    expect(notified).toHaveLength(1);
    expect(JSON.parse(notified[0]!)).toEqual({
      user_id: plumber!.id,
      due_ms: new Date(list[0]!.start_after).getTime(),
    });
    await setDebounce(db, 0);
  });

  it('an edit while the site builds makes exactly one follow-up job, which waits for the running one', async () => {
    const [running] = await boss.fetch(BUILD_QUEUE, { ignoreStartAfter: true });
    expect(running).toBeDefined();
    const site = (running!.data as { user_id: string }).user_id;
    await edit(site, 'During the build');
    await edit(site, 'Still during the build');
    expect((await jobs(site)).map((j) => j.state)).toEqual(['active', 'created']);
    // The follow-up is not handed out while the first one runs.
    const next = await boss.fetch(BUILD_QUEUE, { ignoreStartAfter: true, batchSize: 5 });
    expect(next.map((j) => (j.data as { user_id: string }).user_id)).not.toContain(site);
    await boss.complete(BUILD_QUEUE, running!.id);
    for (const j of next) await boss.complete(BUILD_QUEUE, j.id);
    const [followUp] = await boss.fetch(BUILD_QUEUE, { ignoreStartAfter: true });
    expect((followUp!.data as { user_id: string }).user_id).toBe(site);
    await boss.complete(BUILD_QUEUE, followUp!.id);
  });

  it('a failing job backs off between attempts and is dead after the last, keeping its error', async () => {
    await edit(BAKERY, 'This one fails');
    const started = Date.now();
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      let job: Awaited<ReturnType<PgBoss['fetch']>>[number] | undefined;
      while (!job) {
        [job] = await boss.fetch(BUILD_QUEUE);
        if (!job) await new Promise((r) => setTimeout(r, 100));
        expect(Date.now() - started).toBeLessThan(30_000);
      }
      const [row] = (await jobs(BAKERY)).filter((j) => j.id === job!.id);
      if (attempt > 1) gaps.push(-row!.due_in_ms);
      await boss.fail(BUILD_QUEUE, job.id, { message: `boom ${attempt}` });
      const [after] = (await jobs(BAKERY)).filter((j) => j.id === job!.id);
      expect(after!.state).toBe(attempt < 3 ? 'retry' : 'failed');
      if (attempt < 3) {
        // Exponential backoff with jitter: 1–2 s, then 2–4 s.
        expect(after!.due_in_ms).toBeGreaterThanOrEqual(attempt === 1 ? 900 : 1900);
        expect(after!.due_in_ms).toBeLessThanOrEqual(attempt === 1 ? 2100 : 4100);
      }
    }
    const dead = (await jobs(BAKERY)).find((j) => j.state === 'failed');
    expect(dead).toMatchObject({ retry_count: 2, output: { message: 'boom 3' } });
    // A dead job blocks nothing: the next edit makes a new job.
    await edit(BAKERY, 'After the dead one');
    expect((await jobs(BAKERY)).filter((j) => j.state === 'created')).toHaveLength(1);
  });

  it('brings an existing queue in line with new settings', async () => {
    await ensureBuildQueue(boss, db, testJobSettings({ attempts: 5, leaseSeconds: 40, timeoutSeconds: 600 }));
    const [queue] = await db.query<{
      retry_limit: number;
      heartbeat_seconds: number;
      expire_seconds: number;
    }>('select retry_limit, heartbeat_seconds, expire_seconds from pgboss.queue where name = $1', [
      BUILD_QUEUE,
    ]);
    expect(queue).toEqual({ retry_limit: 4, heartbeat_seconds: 40, expire_seconds: 600 });
  });
});
