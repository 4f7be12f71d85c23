#!/usr/bin/env node
// Score and publish benchmark (part of `npm run bench`): Lighthouse time per page (mobile and desktop, home and
// inner page) and the other checks, for two demo sites; then the time from `dreamseed publish` to live, as a
// person runs it (a subprocess, embedded database), for a local deploy, an unchanged local re-deploy, a first
// Netlify deploy and an unchanged Netlify re-deploy (the real netlify-cli against the loopback Netlify API), and
// rollback on both. Writes bench-results/publish.{md,json}.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../generator/db/pglite.ts';
import { repoRoot } from '../../generator/paths.ts';
import { FakeNetlify } from '../../tests/generator/deploy/netlify-api.ts';
import { writeResults } from './write-results.ts';

const entry = join(repoRoot, 'scripts', 'dreamseed.ts');
const home = mkdtempSync(join(tmpdir(), 'ds-bench-publish-'));
const SITES = ['bakery', 'wedding-photographer'];

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const { DREAMSEED_DB: _db, ...inherited } = process.env;
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: repoRoot,
      env: { ...inherited, DREAMSEED_HOME: home, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) }),
    );
  });
}

async function must(args: string[], env: Record<string, string> = {}) {
  const r = await cli(args, env);
  if (r.code !== 0) throw new Error(`dreamseed ${args.join(' ')} failed (${r.code}):\n${r.stderr}`);
  return r;
}

async function approve(slug: string): Promise<void> {
  const db = await openPglite({ dataDir: join(home, 'db') });
  try {
    await db.query(
      `update public.website_sections s set status = 'approved', approved_at = now(), approved_by = 'bench'
         from public.users u where u.id = s.user_id and u.slug = $1 and s.is_current`,
      [slug],
    );
  } finally {
    await db.close();
  }
}

interface LighthouseRow {
  site: string;
  page: string;
  form_factor: string;
  ms: number;
  attempts: number;
  scores: Record<string, number>;
}

process.stderr.write(`bench: publish — state in ${home}\n`);
await must(['db', 'reset']);

const lighthouse: LighthouseRow[] = [];
const checks: Record<string, Record<string, number>> = {};
for (const slug of SITES) {
  await must(['generate', '--demo', slug]);
  // Exit 1 means measured, with something to fix; anything else is a failure to measure.
  const r = await cli(['score', '--user', slug, '--json']);
  if (r.code !== 0 && r.code !== 1)
    throw new Error(`dreamseed score --user ${slug} failed (${r.code}):\n${r.stderr}`);
  const report = JSON.parse(r.stdout) as {
    lighthouse: {
      page: string;
      form_factor: string;
      duration_ms: number;
      attempts: number;
      scores: Record<string, number>;
    }[];
    duration_ms: number;
  };
  for (const run of report.lighthouse) {
    lighthouse.push({
      site: slug,
      page: run.page,
      form_factor: run.form_factor,
      ms: run.duration_ms,
      attempts: run.attempts,
      scores: run.scores,
    });
  }
  const steps = Object.fromEntries(
    [...r.stderr.matchAll(/✓ (html validity|axe \+ links|start chromium)\s+(\d+) ms/g)].map((m) => [
      m[1]!,
      Number(m[2]),
    ]),
  );
  checks[slug] = { ...steps, score_total_ms: report.duration_ms, cli_wall_ms: r.ms };
  process.stderr.write(`bench: scored ${slug} in ${r.ms} ms\n`);
}

// Publishing the bakery: approved, scored (stored), so `publish` measures deploy time, not Lighthouse.
await approve('bakery');
const fake = new FakeNetlify({ token: 'bench-token' });
const netlify = { NETLIFY_AUTH_TOKEN: 'bench-token', NETLIFY_API_URL: await fake.start() };
const publish: Record<
  string,
  { wall_ms: number; stage_ms?: Record<string, number>; uploaded?: number | null }
> = {};
const timed = async (name: string, args: string[], env: Record<string, string> = {}) => {
  const r = await must([...args, '--json'], env);
  const out = JSON.parse(r.stdout) as {
    timings_ms?: Record<string, number>;
    uploaded_files?: number | null;
    deploy_id?: string;
  };
  publish[name] = {
    wall_ms: r.ms,
    ...(out.timings_ms ? { stage_ms: out.timings_ms } : {}),
    uploaded: out.uploaded_files ?? null,
  };
  process.stderr.write(`bench: ${name} ${r.ms} ms\n`);
  return out;
};
await timed('local: first publish', ['publish', '--user', 'bakery']);
await timed('local: unchanged re-deploy', ['publish', '--user', 'bakery']);
const first = await timed(
  'netlify: first publish',
  ['publish', '--user', 'bakery', '--target', 'netlify'],
  netlify,
);
publish['netlify: first publish']!.uploaded = fake.uploadsFor(first.deploy_id!).length;
const again = await timed(
  'netlify: unchanged re-deploy',
  ['publish', '--user', 'bakery', '--target', 'netlify'],
  netlify,
);
publish['netlify: unchanged re-deploy']!.uploaded = fake.uploadsFor(again.deploy_id!).length;
await timed(
  'netlify: rollback',
  ['rollback', '--user', 'bakery', '--target', 'netlify', '--to', first.deploy_id!],
  netlify,
);
await must(['generate', '--demo', 'bakery', '--template', 'professional']);
await timed('local: forced publish of a new build, unscored', [
  'publish',
  '--user',
  'bakery',
  '--force',
  '--no-score',
]);
await timed('local: rollback', ['rollback', '--user', 'bakery', '--target', 'local']);
await fake.stop();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
};
const summary = {
  lighthouse_median_ms: median(lighthouse.map((l) => l.ms)),
  lighthouse_max_ms: Math.max(...lighthouse.map((l) => l.ms)),
  lighthouse_runs: lighthouse.length,
  local_publish_ms: publish['local: first publish']!.wall_ms,
  local_redeploy_ms: publish['local: unchanged re-deploy']!.wall_ms,
  netlify_redeploy_ms: publish['netlify: unchanged re-deploy']!.wall_ms,
};
const md = [
  '# Score and publish benchmark',
  '',
  `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}.`,
  'Lighthouse 12.2.3 in Debian Chromium, one run at a time; scores are perf/a11y/best practices/SEO.',
  '',
  '| site | page | device | Lighthouse ms | runs | scores |',
  '|---|---|---|---|---|---|',
  ...lighthouse.map(
    (l) =>
      `| ${l.site} | ${l.page} | ${l.form_factor} | ${l.ms} | ${l.attempts} | ${Object.values(l.scores).join('/')} |`,
  ),
  '',
  '| site | Chromium start ms | HTML check ms | axe + links ms | whole score ms | `dreamseed score` wall ms |',
  '|---|---|---|---|---|---|',
  ...Object.entries(checks).map(
    ([s, c]) =>
      `| ${s} | ${c['start chromium'] ?? '-'} | ${c['html validity'] ?? '-'} | ${c['axe + links'] ?? '-'} | ${c.score_total_ms} | ${c.cli_wall_ms} |`,
  ),
  '',
  'Publish → live, wall time of the `dreamseed` subprocess (process start and database open included), bakery, stored score reused:',
  '',
  '| step | wall ms | files uploaded | inside the stage |',
  '|---|---|---|---|',
  ...Object.entries(publish).map(
    ([name, p]) =>
      `| ${name} | ${p.wall_ms} | ${p.uploaded ?? '-'} | ${
        p.stage_ms
          ? Object.entries(p.stage_ms)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')
          : '-'
      } |`,
  ),
  '',
  `Lighthouse: median ${summary.lighthouse_median_ms} ms a run (max ${summary.lighthouse_max_ms} ms, ${summary.lighthouse_runs} runs). Local publish ${summary.local_publish_ms} ms, unchanged local re-deploy ${summary.local_redeploy_ms} ms, unchanged Netlify re-deploy ${summary.netlify_redeploy_ms} ms.`,
  '',
].join('\n');
writeResults('publish', md, { summary, lighthouse, checks, publish });
rmSync(home, { recursive: true, force: true });
