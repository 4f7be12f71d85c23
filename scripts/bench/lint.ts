#!/usr/bin/env node
// `templates lint` timings (part of `npm run bench`; alone: `node scripts/bench/lint.ts`): every template for
// every demo founder and edge case, one template likewise, the quick loop (one template, one founder), and the
// static rules with the brand stage only (--no-build). Each in a fresh process, with its peak memory.
// Writes bench-results/lint.{md,json}.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';
import { writeResults } from './results.ts';

interface Row {
  run: string;
  args: string;
  wall_ms: number;
  lint_ms: number;
  renders: number;
  median_render_ms: number | null;
  findings: number;
  max_rss_mb: number;
}

const runs: [string, string[]][] = [
  ['every template × every case', []],
  ['one template × every case', ['wellness']],
  ['quick loop: one template × one founder', ['wellness', '--founder', 'bakery', '--no-edges']],
  ['static rules and brand only', ['--no-build']],
];

const rows: Row[] = [];
for (const [run, args] of runs) {
  const home = mkdtempSync(join(tmpdir(), 'ds-bench-lint-'));
  const rss = join(home, 'rss');
  const started = performance.now();
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      join(repoRoot, 'scripts', 'bench', 'max-rss.ts'),
      join(repoRoot, 'scripts', 'dreamseed.ts'),
      'templates',
      'lint',
      ...args,
      '--json',
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, DREAMSEED_HOME: home, DREAMSEED_BENCH_RSS: rss, NO_COLOR: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const wall = Math.round(performance.now() - started);
  const report = JSON.parse(out) as { ms: number; renders: { ms: number }[]; findings: unknown[] };
  const ms = report.renders.map((r) => r.ms).sort((a, b) => a - b);
  rows.push({
    run,
    args: args.join(' '),
    wall_ms: wall,
    lint_ms: report.ms,
    renders: ms.length,
    median_render_ms: ms.length ? ms[Math.floor(ms.length / 2)]! : null,
    findings: report.findings.length,
    max_rss_mb: Math.round(Number(readFileSync(rss, 'utf8').trim().split('\n').at(-1)) / 1024),
  });
  rmSync(home, { recursive: true, force: true });
  process.stderr.write(`bench lint: ${run}: ${wall} ms\n`);
}

const md = [
  '# templates lint',
  '',
  `${cpus().length} cores; each run a fresh \`dreamseed templates lint … --json\` process.`,
  '',
  '| run | arguments | wall | lint | renders | median render | findings | peak RSS |',
  '| --- | --- | --: | --: | --: | --: | --: | --: |',
  ...rows.map(
    (r) =>
      `| ${r.run} | \`${r.args || '(all)'}\` | ${r.wall_ms} ms | ${r.lint_ms} ms | ${r.renders} | ${r.median_render_ms ?? '–'} ms | ${r.findings} | ${r.max_rss_mb} MB |`,
  ),
  '',
].join('\n');
writeResults('lint', md, rows);
