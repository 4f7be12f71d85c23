import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../generator/config.ts';
import { resolveSection } from '../../../generator/content/revisions.ts';
import { approveSection } from '../../../generator/content/section-actions.ts';
import type { Database } from '../../../generator/db/database.ts';
import { asBuild, asFounder, asService } from '../../../generator/db/roles.ts';
import { liveDeployments } from '../../../generator/deploy/deployments.ts';
import { readManifest } from '../../../generator/deploy/manifest.ts';
import { writeFacts } from '../../../generator/dna/write-facts.ts';
import { addFiles } from '../../../generator/files/add-files.ts';
import { storageDriver } from '../../../generator/files/storage/from-config.ts';
import type { BuildJobOutput } from '../../../generator/jobs/build-job.ts';
import { queueState, retryDeadJob } from '../../../generator/jobs/jobs-list.ts';
import { openBoss, setDebounce } from '../../../generator/jobs/queue.ts';
import { inlineRunner } from '../../../generator/jobs/runner.ts';
import type { JobSettings } from '../../../generator/jobs/settings.ts';
import { startWorker, type WorkerSummary } from '../../../generator/jobs/worker.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { publishSite } from '../../../generator/stages/deploy-site.ts';
import { createOfflineWriter } from '../../../generator/writers/offline.ts';
import type { Writer } from '../../../generator/writers/writer.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { fixturesDir } from '../../helpers/fixtures.ts';
import { testJobSettings } from '../../helpers/job-settings.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * The worker on the embedded database, building in-process with real Astro
 * builds: a DNA change becomes exactly one build that rewrites only what read
 * the changed fact; a burst of edits becomes one build; a new photo encodes
 * only that photo; a job that always fails dies after its attempts and leaves
 * the live site alone.
 */
const scratch = scratchFolders();
const home = scratch('dreamseed-worker-');
const fixtures = fixturesDir;
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';
let db: Database & { pglite: PGlite };
let userId: string;
const lines: string[] = [];
/**
 * The sections the writer wrote copy for, `page/key` (the home page is ''). Sections it is asked about
 * and leaves out for want of facts (an omitted gallery) are decided again on every build, at no cost,
 * and are not copy: they are counted apart.
 */
const calls: string[] = [];
const omitted: string[] = [];
const offline = createOfflineWriter();
const counting: Writer = {
  name: offline.name,
  identity: (s) => offline.identity(s),
  write: async (request) => {
    const draft = await offline.write(request);
    (draft.status === 'omitted' ? omitted : calls).push(`${request.page}/${request.key}`);
    return draft;
  },
};

function worker(settings: JobSettings = testJobSettings(), untilIdle = true) {
  return startWorker({
    db,
    settings,
    concurrency: 1,
    untilIdle,
    makeRunner: () => inlineRunner(db, { writer: counting }),
    config: loadConfig(),
    log: (line) => lines.push(line),
  });
}

async function drain(settings?: JobSettings): Promise<WorkerSummary> {
  return (await worker(settings)).done;
}

interface Job {
  id: string;
  state: string;
  retry_count: number;
  output: (BuildJobOutput & { message?: string }) | null;
}
/**
 * The jobs that took the changes made since `since` (a time taken after the last step's jobs were done).
 * PGlite's clock counts milliseconds: a change made in the same millisecond as `since` counts too.
 */
const jobsSince = (since: Date) =>
  db.query<Job>(
    `select j.id::text, j.state::text, j.retry_count, j.output from pgboss.job j
      where j.name = 'site-build' and j.singleton_key = $1
        and exists (select 1 from public.site_build_changes c where c.job_id = j.id and c.created_at >= $2)
      order by j.created_on`,
    [userId, since],
  );
const now = async () => (await db.query<{ t: Date }>('select clock_timestamp() as t'))[0]!.t;
const preview = () => readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8');
const previewPage = (page: string) => readFileSync(join(home, 'sites', 'bakery', page, 'index.html'), 'utf8');

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  // Two more described photos besides the one the hero shows: the gallery shows them.
  const config = loadConfig();
  for (const [file, description] of [
    ['photo-deep-blue-storm.jpg', 'Storm clouds over the bay on the morning we opened'],
    ['photo-grey-moon.jpg', 'The moon over the shop roof at four in the morning'],
  ] as const) {
    const [added] = await addFiles(
      { user: 'bakery', category: 'photo', files: [{ path: join(fixtures, file) }], description },
      { db, storage: storageDriver(config), cacheDir: config.cacheDir },
    );
    expect(added?.status).toBe('added');
  }
  const summary = await generateSite({
    source: { kind: 'founder', idOrSlug: 'bakery' },
    db,
    writer: counting,
  });
  expect(summary.sections.find((s) => s.key === 'gallery')?.status).toBe('draft');
  userId = summary.founder.id;
  // The founder approves the hero, which reads who_serves.
  const hero = await asService(db, (tx) => resolveSection(tx, 'hero', userId));
  await asFounder(db, BAKERY_AUTH, (tx) => approveSection(tx, hero, BAKERY_AUTH));
  // The approval is itself a change: the first worker run builds it.
  const first = await drain();
  expect(first).toMatchObject({ builds: 1, failures: 0 });
}, 240_000);

afterAll(async () => {
  await db?.close();
});

describe('the build worker (embedded database, builds in the worker)', { timeout: 180_000 }, () => {
  it('a DNA change is one job; it rewrites only the sections that read the fact and keeps the approved one, stale', async () => {
    const mark = await now();
    calls.length = 0;
    const value = 'Neighbours on Federal Hill, and the cafés of Providence that buy our bread every morning';
    await writeFacts(db, {
      user: 'bakery',
      values: { who_serves: value },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    const summary = await drain();
    expect(summary).toMatchObject({ builds: 1, skipped: 0, failures: 0 });
    const jobs = await jobsSince(mark);
    expect(jobs).toHaveLength(1);
    const output = jobs[0]!.output!;
    expect(jobs[0]!.state).toBe('completed');
    expect(output.changes).toMatchObject({ field: ['who_serves'], reading: ['who_serves'] });
    // Only the sections that read who_serves and are not approved were written again.
    expect(calls.sort()).toEqual(['/cta', 'about/who_serves']);
    // who_serves has new words; the call to action may come out in the same words (then no new revision).
    expect(output.build!.sections.written).toBeGreaterThanOrEqual(1);
    expect(output.build!.sections.written).toBeLessThanOrEqual(2);
    expect(output.build!.sections.stale).toEqual(['/#hero']);
    expect(output.build!.images.variant_sets_encoded).toBe(0);
    expect(previewPage('about')).toContain('the cafés of Providence that buy our bread every morning');
    expect(output.publish).toEqual({ status: 'off' });
  });

  it('fifty edits within the debounce window are one build, which shows the last value', async () => {
    const mark = await now();
    await setDebounce(db, 3000);
    const running = await worker(testJobSettings(), false);
    const started = Date.now();
    for (let i = 1; i <= 50; i++)
      await db.query('update public.dream_dna_truth set tagline = $2 where user_id = $1', [
        userId,
        `Edit number ${i} of our tagline.`,
      ]);
    const editsMs = Date.now() - started;
    while ((await queueState(db)).open > 0 || (await jobsSince(mark)).some((j) => j.state !== 'completed'))
      await new Promise((r) => setTimeout(r, 200));
    await running.stop();
    await setDebounce(db, 0);
    expect(editsMs).toBeLessThan(3000);
    const jobs = await jobsSince(mark);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.output!.changes).toMatchObject({ count: 50, field: ['tagline'] });
    expect(preview()).toContain('Edit number 50 of our tagline.');
    expect(preview()).not.toContain('Edit number 49 of our tagline.');
  });

  it('a new photo rebuilds the site processing only that photo', async () => {
    const config = loadConfig();
    const variantSets = () => readdirSync(join(home, 'cache', 'images')).filter((n) => /-v\d+$/.test(n));
    const before = variantSets();
    // Uploaded with `files add`: processed once on upload (variants, swatches); the build finds it all cached.
    let mark = await now();
    calls.length = 0;
    await addFiles(
      {
        user: 'bakery',
        category: 'photo',
        files: [{ path: join(fixtures, 'photo-yellow-flower.jpg') }],
        description: 'Yellow flowers in a jar on the shop counter',
      },
      { db, storage: storageDriver(config), cacheDir: config.cacheDir, asFounder: BAKERY_AUTH },
    );
    await drain();
    let [job, ...more] = await jobsSince(mark);
    expect(more).toEqual([]);
    expect(job!.output!.changes.asset).toHaveLength(1);
    expect(job!.output!.build!.images).toEqual({ variant_sets_encoded: 0, swatches_computed: 0 });
    expect(variantSets().filter((n) => !before.includes(n))).toHaveLength(1);
    expect(calls).toEqual(['/gallery']);
    expect(preview()).toContain('Yellow flowers in a jar on the shop counter');

    // Recorded by another service without processing (a storage upload the studio made): the build
    // encodes it, and only it; the three photos before it come from the cache.
    mark = await now();
    calls.length = 0;
    const known = variantSets();
    await asService(db, (tx) =>
      tx.query(
        `insert into public.media_assets (user_id, asset_category, description, storage_path, mime_type, sort_order)
         values ($1, 'photo', 'A green meadow behind the bakery', 'demo/media/photo-green-meadow.jpg', 'image/jpeg', 9)`,
        [userId],
      ),
    );
    await drain();
    [job, ...more] = await jobsSince(mark);
    expect(more).toEqual([]);
    expect(job!.output!.build!.images).toEqual({ variant_sets_encoded: 1, swatches_computed: 1 });
    expect(variantSets().filter((n) => !known.includes(n))).toHaveLength(1);
    expect(calls).toEqual(['/gallery']);
    expect(preview()).toContain('A green meadow behind the bakery');
  });

  it('a requested build with options (the API without ?wait) builds with them; the next edit goes back to the match', async () => {
    const { changeLogQueue } = await import('../../../generator/server/build-queue.ts');
    const templateOf = async () =>
      (
        await asService(db, (tx) =>
          tx.query<{ template_id: string }>(
            'select template_id from public.generated_websites where user_id = $1',
            [userId],
          ),
        )
      )[0]!.template_id;
    const matched = await templateOf();
    expect(matched).not.toBe('professional');
    const mark = await now();
    await changeLogQueue(db).request(userId, { template: 'professional' });
    await drain();
    const [job, ...more] = await jobsSince(mark);
    expect(more).toEqual([]);
    expect(job!.output!.changes.setting).toEqual(['build_requested', 'template=professional']);
    expect(await templateOf()).toBe('professional');
    await writeFacts(db, {
      user: userId,
      values: { tagline: 'Bread out of the oven at five.' },
      source: 'manual_input',
      actor: { kind: 'founder' },
    });
    await drain();
    expect(await templateOf()).toBe(matched);
  });

  it('a job that always fails is dead after its attempts, with its error; the live site is untouched', async () => {
    const config = loadConfig();
    await publishSite({
      db,
      config,
      user: 'bakery',
      target: 'local',
      publishedBy: 'test',
      force: true,
      skipScore: true,
    });
    await db.query('update public.generated_websites set auto_publish = true where user_id = $1', [userId]);
    const live = await asService(db, async (tx) => {
      const [site] = await tx.query<{ id: string }>(
        'select id from public.generated_websites where user_id = $1',
        [userId],
      );
      return liveDeployments(tx, site!.id);
    });
    expect(live).toHaveLength(1);
    const liveDir = join(home, 'live', 'bakery');
    const before = await readManifest(join(liveDir, 'current'));
    const mark = await now();
    // Stored DNA the generator refuses: a service without a name (the database only checks it is a list).
    await db.query(`update public.dream_dna_truth set services = '[{"price": 5}]' where user_id = $1`, [
      userId,
    ]);
    const summary = await drain(testJobSettings({ attempts: 3, retryDelaySeconds: 1 }));
    expect(summary).toMatchObject({ builds: 0, failures: 3 });
    const [job] = await jobsSince(mark);
    expect(job).toMatchObject({ state: 'failed', retry_count: 2 });
    expect(job!.output!.message).toMatch(/services\.0\.name/);
    const after = await asService(db, async (tx) => {
      const [site] = await tx.query<{ id: string }>(
        'select id from public.generated_websites where user_id = $1',
        [userId],
      );
      return liveDeployments(tx, site!.id);
    });
    expect(after.map((d) => d.id)).toEqual(live.map((d) => d.id));
    expect((await readManifest(join(liveDir, 'current'))).digest).toBe(before.digest);
  });

  it('a dead job retried after the cause is fixed builds, with its own changes', async () => {
    const [dead] = await db.query<{ id: string }>(
      `select id::text from pgboss.job where name = 'site-build' and singleton_key = $1 and state = 'failed'`,
      [userId],
    );
    await asBuild(db, userId, (tx) =>
      tx.query(
        `update public.dream_dna_truth set services = '[{"name": "Country loaf", "price": 9}]' where user_id = $1`,
        [userId],
      ),
    );
    await db.query('update public.generated_websites set auto_publish = false where user_id = $1', [userId]);
    const boss = await openBoss(db, { supervise: false, settings: testJobSettings() });
    try {
      await expect(retryDeadJob(boss, db, dead!.id.slice(0, 8))).resolves.toBe(dead!.id);
    } finally {
      await boss.stop({ graceful: false, close: false });
    }
    expect(await drain()).toMatchObject({ builds: 1, failures: 0 });
    const [job] = await db.query<Job>(
      `select id::text, state::text, retry_count, output from pgboss.job where id = $1`,
      [dead!.id],
    );
    expect(job).toMatchObject({ state: 'completed', retry_count: 3 });
    expect(job!.output!.changes.field).toEqual(['services']);
    expect(preview()).toContain('Country loaf');
  });
});
