#!/usr/bin/env node
// `npm run bench`: per-site generate time (offline writer), split by stage, cold and warm, with peak memory,
// for every demo founder. Prints a table and writes bench-results/generate.{md,json}.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';
import { writeResults } from './results.ts';

interface Row {
  pass: number;
  slug: string;
  wall_ms: number;
  timings_ms: Record<string, number>;
  rss_mb: number;
  max_rss_mb: number;
}

const demo = join(repoRoot, 'supabase', 'demo');
const slugs = readdirSync(demo, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'media')
  .map((d) => d.name)
  .sort();
const files = slugs.map((s) => join(demo, s, 'dna.json'));
const child = join(repoRoot, 'scripts', 'bench', 'generate-once.ts');

function run(args: string[], home: string): Row[] {
  const out = execFileSync(process.execPath, [child, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DREAMSEED_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 16 * 2 ** 20,
  });
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);
}

process.stderr.write(
  `bench: ${slugs.length} demo founders, cold (one fresh process and empty cache each) …\n`,
);
const cold: Row[] = [];
for (const file of files) {
  const home = mkdtempSync(join(tmpdir(), 'ds-bench-cold-'));
  cold.push(...run(['--dna', file, '--out', join(home, 'sites')], home));
  rmSync(home, { recursive: true, force: true });
}
process.stderr.write('bench: warm (one process, every founder built once to warm up, then measured) …\n');
const warmHome = mkdtempSync(join(tmpdir(), 'ds-bench-warm-'));
const warmAll = run(
  [...files.flatMap((f) => ['--dna', f]), '--out', join(warmHome, 'sites'), '--passes', '2'],
  warmHome,
);
rmSync(warmHome, { recursive: true, force: true });
const warm = warmAll.filter((r) => r.pass === 2);

const stages = [...new Set([...cold, ...warm].flatMap((r) => Object.keys(r.timings_ms)))];
const header = ['founder', 'mode', 'total ms', ...stages.map((s) => `${s} ms`), 'peak RSS MiB'];
const rows: string[][] = [];
for (const slug of slugs) {
  for (const [mode, set] of [
    ['cold', cold],
    ['warm', warm],
  ] as const) {
    const r = set.find((x) => x.slug === slug);
    if (!r) continue;
    rows.push([
      slug,
      mode,
      String(r.wall_ms),
      ...stages.map((s) => String(r.timings_ms[s] ?? '-')),
      String(r.max_rss_mb),
    ]);
  }
}
const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
const max = (xs: number[]) => Math.max(...xs);
const summary = {
  cold_mean_ms: mean(cold.map((r) => r.wall_ms)),
  cold_max_ms: max(cold.map((r) => r.wall_ms)),
  warm_mean_ms: mean(warm.map((r) => r.wall_ms)),
  warm_max_ms: max(warm.map((r) => r.wall_ms)),
  peak_rss_mib_cold: max(cold.map((r) => r.max_rss_mb)),
  peak_rss_mib_warm: max(warmAll.map((r) => r.max_rss_mb)),
  targets: { warm_ms: 1000, cold_ms: 3000 },
};
const table = [header, ...rows].map((r) => `| ${r.join(' | ')} |`);
table.splice(1, 0, `|${header.map(() => '---').join('|')}|`);
const md = [
  `# Generate benchmark (offline writer)`,
  '',
  `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}.`,
  'Cold: a fresh process and an empty image cache per founder (wall time of generateSite, excluding process start).',
  'Warm: one process; every founder built once, then measured on the second pass.',
  '',
  ...table,
  '',
  `Cold: mean ${summary.cold_mean_ms} ms, max ${summary.cold_max_ms} ms (target ≤ 3000 ms). Warm: mean ${summary.warm_mean_ms} ms, max ${summary.warm_max_ms} ms (target ≤ 1000 ms).`,
  `Peak RSS: ${summary.peak_rss_mib_cold} MiB cold, ${summary.peak_rss_mib_warm} MiB for the warm process (${slugs.length * 2} builds).`,
  '',
].join('\n');
writeResults('generate', md, { summary, cold, warm });

// The other benchmarks, each its own script writing bench-results/<name>.{md,json}:
const others: [script: string, what: string][] = [
  ['startup.ts', '`--help` by each way of typing the command; a cold generate against a bare `astro build`'],
  ['images.ts', 'swatches, palettes, variants per fixture and the brand stage per site'],
  ['writers.ts', 'model calls, tokens and cost per site (loopback model); regeneration after one DNA change'],
  ['publish.ts', 'Lighthouse time per page; publish → live on both targets'],
  ['lighthouse.ts', 'mobile Lighthouse scores of every template against the publish bar of 95'],
  ['jobs.ts', 'automatic builds: commit → preview latency, rebuilds per hour per core, worker memory'],
  [
    'shared-db.ts',
    'the shared embedded database: peak RSS as a client and alone, latency through the socket',
  ],
  ['lint.ts', '`templates lint` over every template × demo founder and edge case, and the quick loop'],
  ['templates-dev.ts', '`templates dev` save → re-render time, and a one-template `templates grid`'],
];
for (const [script, what] of others) {
  process.stderr.write(`\nbench ${script}: ${what}\n`);
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'bench', script)], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}
