#!/usr/bin/env node
// Automatic builds benchmark (part of `npm run bench`): a warm `dreamseed worker` (one build slot, builds in a
// child process) on a throwaway PostgreSQL 15, as in production. Measures the time from a committed DNA change to
// the rebuilt preview on disk (p50/p95) for a text change and for a new photo, text-only rebuilds per hour (wall
// clock with one slot, and per CPU core from the CPU time the worker and its build processes used), and the
// memory of the worker and its build process over 100 rebuilds. Debounce 0 here: the default window (3 s) is
// added on purpose in production. Writes bench-results/jobs.{md,json}.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadConfig } from '../../generator/config.ts';
import { openPostgres } from '../../generator/db/postgres.ts';
import { addFiles } from '../../generator/files/add-files.ts';
import { storageDriver } from '../../generator/files/storage/from-config.ts';
import { repoRoot } from '../../generator/paths.ts';
import { startPostgres15 } from '../../tests/helpers/postgres-15.ts';
import { writeResults } from './results.ts';

const entry = join(repoRoot, 'scripts', 'dreamseed.ts');
const home = mkdtempSync(join(tmpdir(), 'ds-bench-jobs-'));
const TEXT_RUNS = Number(process.env.BENCH_JOBS_TEXT ?? 20);
const PHOTO_RUNS = Number(process.env.BENCH_JOBS_PHOTOS ?? 8);
const REBUILDS = Number(process.env.BENCH_JOBS_REBUILDS ?? 100);
const SITES = ['bakery', 'dog-groomer', 'emergency-plumber', 'family-law', 'yoga-studio'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`bench jobs: ${s}\n`);

if (!existsSync('/usr/lib/postgresql/15/bin/initdb') && !process.env.PG15_BIN) {
  log('skipped: PostgreSQL 15 server binaries are not installed (apt-get install postgresql-15)');
  process.exit(0);
}

const pg = await startPostgres15();
const env = {
  ...process.env,
  DREAMSEED_HOME: home,
  DREAMSEED_DB: pg.url,
  OPENAI_API_KEY: '',
  NO_COLOR: '1',
};
process.env.DREAMSEED_HOME = home;
process.env.DREAMSEED_DB = pg.url;
function cli(args: string[]): void {
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: repoRoot, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dreamseed ${args.join(' ')}: ${r.stderr}`);
}
cli(['db', 'reset']);
// A second described photo for the bakery: its gallery (two photos or more) is on, so each new photo shows there.
cli([
  'files',
  'add',
  '--user',
  'bakery',
  '--category',
  'photo',
  '--description',
  'Storm clouds over the bay on the morning we opened',
  join(repoRoot, 'supabase', 'demo', 'media', 'photo-deep-blue-storm.jpg'),
]);
for (const slug of SITES) cli(['generate', '--demo', slug]);
const db = await openPostgres(pg.url);
const ids = new Map<string, string>();
for (const slug of SITES) {
  const [row] = await db.query<{ id: string }>('select id::text from public.users where slug = $1', [slug]);
  ids.set(slug, row!.id);
}
await db.query('update build_queue.settings set debounce_ms = 0');

const worker: ChildProcess = spawn(process.execPath, [entry, 'worker'], {
  cwd: repoRoot,
  env: { ...env, DREAMSEED_WORKER_POLL_S: '2' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let workerLog = '';
worker.stderr!.on('data', (d) => (workerLog += d));
while (!workerLog.includes('worker: ')) await sleep(50);

const previewFor = (slug: string, page = 'index.html') => join(home, 'sites', slug, page);
const readPreview = (slug: string) => {
  try {
    return readFileSync(previewFor(slug), 'utf8');
  } catch {
    return '';
  }
};
async function waitFor(slug: string, text: string, limitMs = 120_000): Promise<number> {
  const started = performance.now();
  while (!readPreview(slug).includes(text)) {
    if (performance.now() - started > limitMs)
      throw new Error(`${slug}: "${text}" never reached the preview`);
    await sleep(5);
  }
  return performance.now();
}
let n = 0;
/** Commits a tagline and returns ms from the commit to the preview showing it. */
async function textChange(slug: string): Promise<number> {
  const value = `Fresh change ${++n} from the bench.`;
  await db.query('update public.dream_dna_truth set tagline = $2 where user_id = $1', [ids.get(slug), value]);
  const committed = performance.now();
  return (await waitFor(slug, value)) - committed;
}

interface BuildOut {
  pid: number;
  rss_mb: number;
  duration_ms: number;
  timings_ms: Record<string, number>;
  images: { variant_sets_encoded: number };
}
const outputs = async (since: Date) =>
  db.query<{ output: { build?: BuildOut } }>(
    `select output from pgboss.job where name = 'site-build' and state = 'completed' and completed_on > $1
      order by completed_on`,
    [since],
  );
const clock = async () => (await db.query<{ t: Date }>('select clock_timestamp() as t'))[0]!.t;

// Warm up: every site built once by the worker's build process.
log('warming up');
for (const slug of SITES) await textChange(slug);

// Text changes: the founder's tagline, shown on the home page.
log(`${TEXT_RUNS} text changes`);
const textMs: number[] = [];
const textSince = await clock();
for (let i = 0; i < TEXT_RUNS; i++) textMs.push(await textChange('bakery'));
const textOutputs = (await outputs(textSince)).map((o) => o.output.build!);
const textBuilds = textOutputs.map((b) => b.duration_ms);
const stages = Object.fromEntries(
  Object.keys(textOutputs[0]?.timings_ms ?? {}).map((k) => [k, textOutputs.map((b) => b.timings_ms[k] ?? 0)]),
);

// New photos: fresh bytes each time (a photo nobody has uploaded), described, shown in the gallery.
log(`${PHOTO_RUNS} new photos`);
const config = loadConfig();
const photoMs: number[] = [];
const uploadMs: number[] = [];
const photoSince = await clock();
for (let i = 0; i < PHOTO_RUNS; i++) {
  const file = join(home, `bench-photo-${i}.jpg`);
  const noise = Buffer.alloc(96 * 64 * 3);
  for (let b = 0; b < noise.length; b++) noise[b] = (b * 31 + i * 97 + ((b / 3) | 0) * 7) % 256;
  await sharp(noise, { raw: { width: 96, height: 64, channels: 3 } })
    .resize(1600, 1067)
    .jpeg({ quality: 85 })
    .toFile(file);
  const description = `Bench photo number ${i} of the shop`;
  const started = performance.now();
  await addFiles(
    { user: 'bakery', category: 'photo', files: [{ path: file }], description },
    { db, storage: storageDriver(config), cacheDir: config.cacheDir },
  );
  const committed = performance.now();
  uploadMs.push(committed - started);
  photoMs.push((await waitFor('bakery', description)) - committed);
}
const photoBuilds = await outputs(photoSince);

// Text-only rebuilds, one slot, sites in turn: wall-clock rate, CPU time, memory.
log(`${REBUILDS} text-only rebuilds`);
const cpuOf = (pid: number): number => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime, cutime, cstime (fields 14–17), in clock ticks.
    return [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0) / 100;
  } catch {
    return 0;
  }
};
const rssOf = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(m?.[1] ?? 0) / 1024);
};
const rebuildSince = await clock();
const workerRss: number[] = [rssOf(worker.pid!)];
const lastBuilder = async () =>
  (
    await db.query<{ pid: number }>(
      `select (output -> 'build' ->> 'pid')::int as pid from pgboss.job
        where name = 'site-build' and state = 'completed' order by completed_on desc limit 1`,
    )
  )[0]?.pid;
// CPU time: the worker's own plus that of build processes it has replaced and reaped (cutime/cstime), plus the
// build process alive at the end; the one alive at the start counts only from the start.
const firstBuilder = await lastBuilder();
const cpuStart = cpuOf(worker.pid!) + (firstBuilder ? cpuOf(firstBuilder) : 0);
const wallStart = performance.now();
for (let i = 0; i < REBUILDS; i++) {
  await textChange(SITES[i % SITES.length]!);
  workerRss.push(rssOf(worker.pid!));
}
const wallMs = performance.now() - wallStart;
const builderNow = await lastBuilder();
const cpuSeconds = cpuOf(worker.pid!) + (builderNow ? cpuOf(builderNow) : 0) - cpuStart;
const rebuilds = await outputs(rebuildSince);
const childRss = rebuilds.map((o) => o.output.build!.rss_mb);
const recycled = new Set(rebuilds.map((o) => o.output.build!.pid)).size - 1;

worker.kill('SIGTERM');
await new Promise((r) => worker.once('exit', r));
await db.close();
await pg.close();
rmSync(home, { recursive: true, force: true });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN);
};
const perHour = (REBUILDS / wallMs) * 3_600_000;
const perCpuHour = REBUILDS / (cpuSeconds / 3600);
const summary = {
  text_change_ms: { p50: pct(textMs, 0.5), p95: pct(textMs, 0.95), runs: textMs.length },
  text_build_ms: { p50: pct(textBuilds, 0.5), p95: pct(textBuilds, 0.95) },
  text_build_stages_p50_ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, pct(v, 0.5)])),
  photo_change_ms: { p50: pct(photoMs, 0.5), p95: pct(photoMs, 0.95), runs: photoMs.length },
  photo_upload_ms: { p50: pct(uploadMs, 0.5), p95: pct(uploadMs, 0.95) },
  photo_variant_sets_encoded_by_builds: photoBuilds.reduce(
    (s, o) => s + (o.output.build?.images.variant_sets_encoded ?? 0),
    0,
  ),
  rebuilds: REBUILDS,
  rebuilds_per_hour_one_slot: Math.round(perHour),
  cpu_seconds: Math.round(cpuSeconds * 10) / 10,
  rebuilds_per_cpu_hour: Math.round(perCpuHour),
  worker_rss_mb: { first: workerRss[0], last: workerRss.at(-1), max: Math.max(...workerRss) },
  build_process_rss_mb: {
    first: childRss[0],
    last: childRss.at(-1),
    max: Math.max(...childRss),
    per_build_growth:
      Math.round(((childRss.at(-1)! - childRss[0]!) / Math.max(1, childRss.length - 1)) * 10) / 10,
  },
  build_processes_replaced: recycled,
  targets: { text_p50_ms: 1000, rebuilds_per_hour_per_core: 3000 },
};
const s = summary;
const md = [
  '# Automatic builds benchmark',
  '',
  `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}; load average at the end ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}.`,
  'One `dreamseed worker` (one build slot, builds in a child process, warm) on a throwaway PostgreSQL 15; debounce 0.',
  '',
  '| measure | p50 | p95 | runs |',
  '|---|---|---|---|',
  `| committed text change → preview on disk (ms) | ${s.text_change_ms.p50} | ${s.text_change_ms.p95} | ${s.text_change_ms.runs} |`,
  `| … of which the build itself (ms) | ${s.text_build_ms.p50} | ${s.text_build_ms.p95} | |`,
  ...Object.entries(s.text_build_stages_p50_ms).map(([k, v]) => `| … stage ${k} (ms) | ${v} | | |`),
  `| committed new photo → preview on disk (ms) | ${s.photo_change_ms.p50} | ${s.photo_change_ms.p95} | ${s.photo_change_ms.runs} |`,
  `| photo upload (\`files add\`: validate, variants, swatches), before the commit (ms) | ${s.photo_upload_ms.p50} | ${s.photo_upload_ms.p95} | |`,
  '',
  `Text-only rebuilds: ${s.rebuilds} in a row over ${SITES.length} sites: ${s.rebuilds_per_hour_one_slot} per hour with one build slot; ${s.cpu_seconds} CPU seconds (worker and build processes; PostgreSQL not counted) → ${s.rebuilds_per_cpu_hour} rebuilds per CPU-core hour (target ≥ 3,000).`,
  `Memory over ${s.rebuilds} rebuilds: worker ${s.worker_rss_mb.first} → ${s.worker_rss_mb.last} MiB (max ${s.worker_rss_mb.max}); build process ${s.build_process_rss_mb.first} → ${s.build_process_rss_mb.last} MiB (max ${s.build_process_rss_mb.max}, ${s.build_process_rss_mb.per_build_growth} MiB per build), replaced ${s.build_processes_replaced} times (DREAMSEED_BUILD_RECYCLE_BUILDS / _RSS_MB).`,
  `Image work in the photo builds: ${s.photo_variant_sets_encoded_by_builds} variant sets encoded (uploads process their photo before the commit).`,
  '',
].join('\n');
writeResults('jobs', md, {
  summary,
  text_ms: textMs,
  photo_ms: photoMs,
  worker_rss_mb: workerRss,
  build_rss_mb: childRss,
});
