import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';
import { echoReference, startLoopbackOpenAi } from '../generator/writers/loopback-openai.ts';
import { cliEnv, runCliAsync, tempHome } from '../helpers/cli.ts';
import { type Postgres15, startPostgres15 } from '../helpers/postgres-15.ts';

/**
 * `dreamseed worker` processes sharing one real PostgreSQL 15 (many workers,
 * as on many machines): every site is built exactly once for one burst of
 * edits and never by two builds at a time; a worker killed with SIGKILL in
 * the middle of a build loses its lease and another one completes the job,
 * publishing exactly once; SIGTERM lets the running build finish. Builds run
 * in child processes (the default on PostgreSQL), real Astro builds.
 */
const home = tempHome();
const entry = join(repoRoot, 'scripts', 'dreamseed.ts');
let pg: Postgres15;
let sql: postgres.Sql;
let env: Record<string, string>;
const workers: ChildProcess[] = [];

interface Worker {
  proc: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
}

function startWorker(args: string[] = ['--until-idle'], extra: Record<string, string> = {}): Worker {
  const proc = spawn(process.execPath, [entry, 'worker', ...args], {
    cwd: repoRoot,
    env: cliEnv(home, { ...env, ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(proc);
  const log: string[] = [];
  proc.stderr!.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
  proc.stdout!.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, log, exited };
}

/** Resolves once the worker says it is running (its signal handlers are in place). */
async function ready(w: Worker): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (w.log.some((l) => l.startsWith('worker: '))) return;
    if (w.proc.exitCode !== null) throw new Error(`worker exited: ${w.log.join('\n')}`);
    await sleep(50);
  }
  throw new Error(`worker not ready: ${w.log.join('\n')}`);
}

interface BuildOut {
  worker: string;
  changes: Record<string, unknown> & { count: number };
  skipped?: string;
  build?: { slug: string; started_at: string; finished_at: string; build_hash: string };
  publish?: { status: string; deploy_id?: string };
}
interface JobRow {
  id: string;
  user_id: string;
  state: string;
  retry_count: number;
  output: BuildOut | null;
}
const jobs = () =>
  sql<JobRow[]>`select id::text, singleton_key as user_id, state::text, retry_count, output
                  from pgboss.job where name = 'site-build' order by created_on`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  pg = await startPostgres15();
  env = {
    DREAMSEED_DB: pg.url,
    OPENAI_API_KEY: '',
    DREAMSEED_BUILD_LEASE_S: '10',
    DREAMSEED_BUILD_RETRY_DELAY_S: '1',
    DREAMSEED_WORKER_POLL_S: '0.5',
    DREAMSEED_WORKER_SUPERVISE_S: '1',
  };
  const reset = await runCliAsync(['db', 'reset'], home, env);
  expect(reset.code, reset.stderr).toBe(0);
  // Debian's PostgreSQL has no pgvector: the schema applies without it, and says so.
  expect(reset.stderr).toMatch(/has no pgvector .*semantic search over transcripts .* is disabled/);
  sql = postgres(pg.url, { max: 4, onnotice: () => {} });
  // Twelve more founders, copies of the demo ones: twenty sites. Loaded like the seed (no build requested).
  const demo = await sql<
    { id: string; slug: string }[]
  >`select id::text, slug from public.users order by slug`;
  const columns = async (table: string) =>
    (
      await sql<{ column_name: string }[]>`
        select column_name from information_schema.columns
         where table_schema = 'public' and table_name = ${table}
           and column_name not in ('id', 'user_id', 'version', 'updated_by', 'created_at', 'updated_at', 'file_bucket_id')`
    ).map((c) => c.column_name);
  const truth = (await columns('dream_dna_truth')).join(', ');
  const type = (await columns('dream_dna_type')).join(', ');
  const media = (await columns('media_assets')).join(', ');
  await sql.begin(async (tx) => {
    await tx`set local dreamseed.origin = 'seed'`;
    for (let i = 0; i < 12; i++) {
      const src = demo[i % demo.length]!;
      const [u] = await tx<{ id: string }[]>`
        insert into public.users (slug, business_name, customer_name, customer_email)
        select ${`${src.slug}-${i}`}, business_name, customer_name, customer_email from public.users where id = ${src.id}
        returning id::text`;
      for (const [table, list] of [
        ['dream_dna_truth', truth],
        ['dream_dna_type', type],
        ['media_assets', media],
      ] as const)
        await tx.unsafe(
          `insert into public.${table} (user_id, ${list}) select $1, ${list} from public.${table} where user_id = $2`,
          [u!.id, src.id],
        );
    }
  });
  const [n] = await sql<{ n: number }[]>`select count(*)::int as n from public.dream_dna_truth`;
  expect(n!.n).toBe(20);
}, 240_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await sql?.end({ timeout: 5 });
  await pg?.close();
});

describe('dreamseed worker on PostgreSQL 15, several processes', { timeout: 600_000 }, () => {
  it('builds each of 20 sites exactly once for a burst of edits, never one site twice at a time', async () => {
    await sql`update build_queue.settings set debounce_ms = 1500`;
    const sites = await sql<{ id: string }[]>`select user_id::text as id from public.dream_dna_truth`;
    // Five concurrent edits to every site: one burst each.
    await Promise.all(
      sites.flatMap((s) =>
        [1, 2, 3, 4, 5].map(
          (k) =>
            sql`update public.dream_dna_truth set tagline = ${`Round one, edit ${k}.`} where user_id = ${s.id}`,
        ),
      ),
    );
    const started = [startWorker(), startWorker(), startWorker()];
    // Ten sites are edited again while the workers build: follow-up builds, still never two at once.
    await sleep(4000);
    const mark = (await sql<{ mark: Date }[]>`select clock_timestamp() as mark`)[0]!.mark;
    await Promise.all(
      sites
        .slice(0, 10)
        .map((s) => sql`update public.dream_dna_truth set tagline = 'Round two.' where user_id = ${s.id}`),
    );
    const codes = await Promise.all(started.map((w) => w.exited));
    expect(codes, started.map((w) => w.log.slice(-5).join('\n')).join('\n---\n')).toEqual([0, 0, 0]);

    const all = await jobs();
    expect(all.every((j) => j.state === 'completed')).toBe(true);
    // Round one: per site, exactly one job took its first five edits, and it built.
    const roundOne = await sql<{ user_id: string; jobs: number; edits: number }[]>`
      select user_id::text, count(distinct job_id)::int as jobs, count(*)::int as edits
        from public.site_build_changes where created_at < ${mark} group by user_id`;
    expect(roundOne).toHaveLength(20);
    expect(roundOne.filter((r) => r.jobs !== 1 || r.edits !== 5)).toEqual([]);
    const [unclaimed] = await sql<
      { n: number }[]
    >`select count(*)::int as n from public.site_build_changes where job_id is null`;
    expect(unclaimed!.n).toBe(0);
    const built = all.filter((j) => j.output?.build);
    const perSite = new Map<string, { from: number; to: number; job: string }[]>();
    for (const j of built) {
      const b = j.output!.build!;
      perSite.set(j.user_id, [
        ...(perSite.get(j.user_id) ?? []),
        { from: Date.parse(b.started_at), to: Date.parse(b.finished_at), job: j.id },
      ]);
    }
    expect(perSite.size).toBe(20);
    // Round one builds every site once; round two adds at most one build to the ten sites edited again.
    for (const [user, list] of perSite) {
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.length).toBeLessThanOrEqual(sites.slice(0, 10).some((s) => s.id === user) ? 2 : 1);
      const sorted = [...list].sort((a, b) => a.from - b.from);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]!.from).toBeGreaterThanOrEqual(sorted[i - 1]!.to);
    }
    // Every change was taken by a build that started after it was made: each build saw the latest data.
    const late = await sql<{ n: number }[]>`
      select count(*)::int as n from public.site_build_changes c join pgboss.job j on j.id = c.job_id
       where (j.output -> 'build' ->> 'started_at')::timestamptz < c.created_at`;
    expect(late[0]!.n).toBe(0);
    const [bakeryTagline] = await sql<{ tagline: string }[]>`
      select t.tagline from public.dream_dna_truth t join public.users u on u.id = t.user_id where u.slug = 'bakery'`;
    expect(readFileSync(join(home, 'sites', 'bakery', 'index.html'), 'utf8')).toContain(
      bakeryTagline!.tagline,
    );
    // The work was shared.
    expect(new Set(built.map((j) => j.output!.worker)).size).toBeGreaterThanOrEqual(2);
  });

  it('a worker killed mid-build loses its lease; another completes the job and publishes exactly once', async () => {
    await sql`update build_queue.settings set debounce_ms = 0`;
    // The founder approved every section and the build was measured (real Lighthouse): it passes the gate.
    await sql`update public.website_sections s set status = 'approved', approved_at = now(), approved_by = 'founder'
                from public.users u where u.id = s.user_id and u.slug = 'bakery' and s.is_current and s.status <> 'approved'`;
    const drained = startWorker();
    expect(await drained.exited).toBe(0);
    const scored = await runCliAsync(['score', '--user', 'bakery', '--json'], home, env);
    expect(scored.code, scored.stderr).toBe(0);
    const on = await runCliAsync(
      ['publish', '--auto', 'on', '--user', 'bakery', '--target', 'local'],
      home,
      env,
    );
    expect(on.code, on.stderr).toBe(0);
    const [bakery] = await sql<{ id: string }[]>`select id::text from public.users where slug = 'bakery'`;
    const before = await jobs();

    const victim = startWorker([]);
    await ready(victim);
    // A fact no section shows: the rebuild has the same bytes, so the stored measurement applies.
    const set = await runCliAsync(
      ['dna', 'set', '--user', 'bakery', 'target_revenue=$500,000 in 2027'],
      home,
      env,
    );
    expect(set.code, set.stderr).toBe(0);
    let active: JobRow | undefined;
    for (let i = 0; i < 200 && !active; i++) {
      active = (await jobs()).find(
        (j) => j.user_id === bakery!.id && j.state === 'active' && !before.some((b) => b.id === j.id),
      );
      if (!active) await sleep(100);
    }
    expect(active).toBeDefined();
    // Mid-build: the job has taken the change. (Killed before that, the change would still be free, and the
    // next worker's start-up would give it to a new job, leaving this one nothing to build.)
    let claimed = 0;
    for (let i = 0; i < 200 && !claimed; i++) {
      const [row] = await sql<{ claimed: number }[]>`
        select count(*)::int as claimed from public.site_build_changes where job_id = ${active!.id}::uuid`;
      claimed = row?.claimed ?? 0;
      if (!claimed) await sleep(25);
    }
    expect(claimed).toBeGreaterThan(0);
    const killedAt = Date.now();
    victim.proc.kill('SIGKILL');
    expect(await victim.exited).toBe(null);
    const rescuer = startWorker();
    expect(await rescuer.exited, rescuer.log.join('\n')).toBe(0);
    const [job] = (await jobs()).filter((j) => j.id === active!.id);
    expect(job).toMatchObject({ state: 'completed', retry_count: 1 });
    expect(job!.output!.publish).toMatchObject({ status: 'published' });
    expect(job!.output!.worker.endsWith(`:${victim.proc.pid}`)).toBe(false);
    // Taken over once the lease (10 s, renewed every 5 s while building) had lapsed.
    expect(Date.parse(job!.output!.build!.started_at) - killedAt).toBeGreaterThan(4000);
    const deploys = await sql<{ status: string; published_by: string }[]>`
      select d.status, d.published_by from public.website_deployments d where d.user_id = ${bakery!.id}`;
    expect(deploys).toEqual([{ status: 'live', published_by: 'auto:worker' }]);
  });

  it('SIGTERM lets the running build finish, then the worker exits cleanly', async () => {
    const w = startWorker([]);
    await ready(w);
    const [plumber] = await sql<
      { id: string }[]
    >`select id::text from public.users where slug = 'emergency-plumber'`;
    await sql`update public.dream_dna_truth set tagline = 'Any hour, any leak.' where user_id = ${plumber!.id}`;
    let active: JobRow | undefined;
    for (let i = 0; i < 200 && !active; i++) {
      active = (await jobs()).find((j) => j.user_id === plumber!.id && j.state === 'active');
      if (!active) await sleep(50);
    }
    expect(active).toBeDefined();
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    const [job] = (await jobs()).filter((j) => j.id === active!.id);
    expect(job).toMatchObject({ state: 'completed', retry_count: 0 });
    expect(w.log.join('\n')).toMatch(/SIGTERM: stopping/);
  });

  it('SIGTERM when the build outlasts the stop timeout hands the job back; another worker completes it', async () => {
    // The build outlasts the 1 s it is given for certain: the edit changes copy that only the model (a
    // loopback server that takes 3 s to answer) can write, so no build of it ends within the second, whether
    // the stop comes while it waits for the model or (on a slow machine) before it has asked.
    const slowModel = await startLoopbackOpenAi(async (r) => {
      await sleep(3000);
      return echoReference(r);
    });
    const w = startWorker([], {
      DREAMSEED_WORKER_STOP_TIMEOUT_S: '1',
      OPENAI_API_KEY: 'sk-loopback',
      OPENAI_BASE_URL: slowModel.url,
    });
    await ready(w);
    const [lawyer] = await sql<{ id: string }[]>`select id::text from public.users where slug = 'family-law'`;
    await sql`update public.dream_dna_truth set tagline = 'Plain answers about family law.' where user_id = ${lawyer!.id}`;
    let active: JobRow | undefined;
    for (let i = 0; i < 400 && !active; i++) {
      active = (await jobs()).find((j) => j.user_id === lawyer!.id && j.state === 'active');
      if (!active) await sleep(25);
    }
    expect(active).toBeDefined();
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    slowModel.close();
    const [handedBack] = (await jobs()).filter((j) => j.id === active!.id);
    expect(handedBack!.state).toBe('retry');
    const rescuer = startWorker();
    expect(await rescuer.exited, rescuer.log.join('\n')).toBe(0);
    const [job] = (await jobs()).filter((j) => j.id === active!.id);
    expect(job).toMatchObject({ state: 'completed', retry_count: 1 });
    expect(job!.output!.build).toBeDefined();
  });
});
