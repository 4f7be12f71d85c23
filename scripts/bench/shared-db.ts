#!/usr/bin/env node
import { spawn } from 'node:child_process';
// Shared embedded database benchmark (`node scripts/bench/shared-db.ts`): the peak RSS of a short command
// (`dreamseed demo list`) opening the database itself and as a client of a process that shares it, and of a
// bare open with PGlite's default settings against ours; the latency of a statement and of a small
// transaction through a holder's socket against PGlite in-process. Writes bench-results/shared-db.{md,json}.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Database } from '../../generator/db/database.ts';
import { openEmbedded } from '../../generator/db/embedded.ts';
import { applySeed, migrate } from '../../generator/db/migrations.ts';
import { openPglite } from '../../generator/db/pglite.ts';
import { asService } from '../../generator/db/roles.ts';
import { repoRoot } from '../../generator/paths.ts';
import { writeResults } from './results.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const home = mkdtempSync(join(tmpdir(), 'ds-bench-shared-'));
const dataDir = join(home, 'db');
const copyDir = join(home, 'db-direct');
const entry = join(repoRoot, 'scripts', 'dreamseed.ts');
// Prints the process's peak RSS on exit, without touching the command's code.
const PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('peak-rss-kib '+process.resourceUsage().maxRSS+'\\n'))`;

function node(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const { DREAMSEED_DB: _db, ...inherited } = process.env;
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...inherited, DREAMSEED_HOME: home, NO_COLOR: '1', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function peakMiB(args: string[]): Promise<number[]> {
  const peaks: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await node(['--import', PEAK, ...args]);
    const kib = /peak-rss-kib (\d+)/.exec(r.err)?.[1];
    if (r.code !== 0 || !kib) throw new Error(`${args.join(' ')} failed (${r.code}):\n${r.err}`);
    peaks.push(Math.round(Number(kib) / 1024));
  }
  return peaks;
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const median = (xs: number[]) => quantile(xs, 0.5);

async function latency(db: Database, n: number, fn: (db: Database, i: number) => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn(db, i); // warm up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn(db, i);
    ms.push(performance.now() - started);
  }
  return { p50: Number(quantile(ms, 0.5).toFixed(3)), p95: Number(quantile(ms, 0.95).toFixed(3)) };
}

const demoList = (db: Database) =>
  asService(db, (tx) =>
    tx.query(`select u.slug, u.id, t.business_name from public.users u
                left join public.dream_dna_truth t on t.user_id = u.id order by u.slug`),
  );

process.stderr.write('bench: preparing a seeded database …\n');
{
  const db = await openPglite();
  await migrate(db);
  await applySeed(db);
  const snapshot = await db.pglite.dumpDataDir('none');
  await db.close();
  await (await openPglite({ dataDir, loadDataDir: snapshot })).close();
  cpSync(dataDir, copyDir, { recursive: true });
}

process.stderr.write(`bench: peak RSS, ${RUNS} runs each …\n`);
const openOnce = join(repoRoot, 'scripts', 'bench', 'open-once.ts');
const rss = {
  bare_open_pglite_defaults: await peakMiB([openOnce, copyDir, 'defaults']),
  bare_open_project_settings: await peakMiB([openOnce, copyDir, 'project']),
  cli_demo_list_opening_itself: await peakMiB([entry, 'demo', 'list', '--json']),
  cli_demo_list_as_client: [] as number[],
  holder_process: 0,
};

process.stderr.write('bench: latency through a sharing holder vs in-process …\n');
const holder = spawn(
  process.execPath,
  ['--import', PEAK, join(repoRoot, 'tests/helpers/db-holder-process.ts'), dataDir, 'serve'],
  {
    cwd: repoRoot,
    env: { ...process.env, DREAMSEED_DB: dataDir },
  },
);
let holderErr = '';
holder.stderr.on('data', (d) => (holderErr += d));
await new Promise<void>((resolve, reject) => {
  createInterface({ input: holder.stdout }).once('line', () => resolve());
  holder.once('exit', (code) => reject(new Error(`holder exited (${code}): ${holderErr}`)));
});
rss.cli_demo_list_as_client = await peakMiB([entry, 'demo', 'list', '--json']);
const client = await openEmbedded(dataDir, { waitMs: 0 });
const direct = await openPglite({ dataDir: copyDir });
const select = (db: Database, i: number) => db.query('select $1::int as i', [i]);
const lat = {
  select_in_process: await latency(direct, 2000, select),
  select_through_holder: await latency(client, 2000, select),
  demo_list_tx_in_process: await latency(direct, 300, demoList),
  demo_list_tx_through_holder: await latency(client, 300, demoList),
};
await client.close();
await direct.close();
holder.kill('SIGTERM');
await new Promise((r) => holder.once('close', r));
rss.holder_process = Math.round(Number(/peak-rss-kib (\d+)/.exec(holderErr)?.[1] ?? 0) / 1024);
rmSync(home, { recursive: true, force: true });

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const md = [
  `# Shared embedded database (${new Date().toISOString().slice(0, 10)}, ${machine})`,
  '',
  `Peak RSS (MiB), median of ${RUNS} runs [all runs]:`,
  '',
  '| process | median | runs |',
  '| --- | --- | --- |',
  ...Object.entries(rss)
    .filter(([, v]) => Array.isArray(v))
    .map(
      ([k, v]) => `| ${k.replaceAll('_', ' ')} | ${median(v as number[])} | ${(v as number[]).join(', ')} |`,
    ),
  `| sharing holder (after the latency runs) | ${rss.holder_process} | |`,
  '',
  'Latency (ms):',
  '',
  '| what | p50 | p95 |',
  '| --- | --- | --- |',
  ...Object.entries(lat).map(([k, v]) => `| ${k.replaceAll('_', ' ')} | ${v.p50} | ${v.p95} |`),
  '',
].join('\n');
writeResults('shared-db', md, { machine, rss, latency: lat });
