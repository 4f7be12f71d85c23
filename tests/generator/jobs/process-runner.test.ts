import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySeed, migrate } from '../../../generator/db/migrations.ts';
import { openPostgres } from '../../../generator/db/postgres.ts';
import { isDreamseedError } from '../../../generator/errors.ts';
import { processRunner } from '../../../generator/jobs/process-runner.ts';
import type { BuildRunner } from '../../../generator/jobs/runner.ts';
import { cliEnv } from '../../helpers/cli.ts';
import { type Postgres15, startPostgres15 } from '../../helpers/postgres-15.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * Builds in a child process that reaches PostgreSQL itself: kept warm between
 * builds, replaced after N builds or when its memory passes the limit, killed
 * when its job's signal aborts, and a child that dies mid-build fails that
 * build (the job retries) without taking the worker with it. Same inputs, same
 * bytes, whichever process builds.
 */
const scratch = scratchFolders();
const home = scratch('dreamseed-runner-');
let pg: Postgres15;
let bakery: string;
const runners: BuildRunner[] = [];

function runner(recycleBuilds: number, recycleRssMb: number, recycled: string[] = []): BuildRunner {
  const r = processRunner({
    recycleBuilds,
    recycleRssMb,
    env: cliEnv(home, { DREAMSEED_DB: pg.url, OPENAI_API_KEY: '' }),
    onRecycle: (reason) => recycled.push(reason),
  });
  runners.push(r);
  return r;
}
const request = (jobId: string) => ({ userId: bakery, jobId });
const live = () => new AbortController().signal;

beforeAll(async () => {
  pg = await startPostgres15();
  const db = await openPostgres(pg.url);
  try {
    await migrate(db);
    await applySeed(db);
    const [row] = await db.query<{ id: string }>(`select id::text from public.users where slug = 'bakery'`);
    bakery = row!.id;
  } finally {
    await db.close();
  }
}, 120_000);

afterAll(async () => {
  for (const r of runners) await r.close();
  await pg?.close();
});

describe('the build process', { timeout: 180_000 }, () => {
  it('builds in a warm child, replaced after N builds; same inputs give the same bytes', async () => {
    const recycled: string[] = [];
    const r = runner(2, 65_536, recycled);
    const a = await r.build(request('a'), live());
    const b = await r.build(request('b'), live());
    const c = await r.build(request('c'), live());
    expect(a.pid).not.toBe(process.pid);
    expect(b.pid).toBe(a.pid);
    expect(c.pid).not.toBe(a.pid);
    expect(recycled).toEqual(['after 2 builds']);
    expect(r.stats()).toEqual({ builds: 3, recycled: 1 });
    expect(new Set([a.build_hash, b.build_hash, c.build_hash]).size).toBe(1);
    // The second build in a warm process rewrote nothing and encoded no image.
    expect(b.sections.written).toBe(0);
    expect(b.images.variant_sets_encoded).toBe(0);
  });

  it('replaces the child when its memory after a build passes the limit', async () => {
    const recycled: string[] = [];
    const r = runner(1000, 128, recycled);
    const a = await r.build(request('d'), live());
    expect(a.rss_mb).toBeGreaterThan(128);
    const b = await r.build(request('e'), live());
    expect(b.pid).not.toBe(a.pid);
    expect(recycled[0]).toMatch(/^at \d+ MiB after 1 builds$/);
  });

  it('kills the child when the job’s signal aborts, and the next build starts a new one', async () => {
    const r = runner(1000, 65_536);
    const warm = await r.build(request('f'), live());
    const abort = new AbortController();
    const pending = r.build(request('g'), abort.signal);
    setTimeout(() => abort.abort(new Error('lease lost')), 300);
    await expect(pending).rejects.toThrow('lease lost');
    const next = await r.build(request('h'), live());
    expect(next.pid).not.toBe(warm.pid);
    expect(() => process.kill(warm.pid, 0)).toThrow();
  });

  it('a child that dies mid-build fails that build, naming the founder; errors keep their code', async () => {
    const r = runner(1000, 65_536);
    const warm = await r.build(request('i'), live());
    const pending = r.build(request('j'), live());
    setTimeout(() => process.kill(warm.pid, 'SIGKILL'), 200);
    const error = await pending.catch((e: unknown) => e);
    expect(isDreamseedError(error) && error.code).toBe('BUILD_PROCESS_FAILED');
    expect((error as Error).message).toContain(bakery);
    const missing = await r
      .build({ userId: '00000000-0000-4000-8000-000000000000', jobId: 'k' }, live())
      .catch((e: unknown) => e);
    expect(isDreamseedError(missing) && missing.code).toBe('NOT_FOUND');
  });
});
