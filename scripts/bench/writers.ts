#!/usr/bin/env node
// Writers benchmark (part of `npm run bench`): for every demo founder, with the OpenAI writer and the real SDK
// against a loopback Chat Completions server (which answers after a simulated model latency): model calls,
// tokens and estimated cost per site; then the time of an unchanged regeneration and of a regeneration after
// one DNA field (who_serves) changes. Writes bench-results/writers.{md,json}.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySeed, migrate } from '../../generator/db/migrations.ts';
import { openDatabase } from '../../generator/db/open.ts';
import { asService } from '../../generator/db/roles.ts';
import { generateSiteDetailed } from '../../generator/pipeline.ts';
import { createFileCache } from '../../generator/writers/content-cache.ts';
import { echoReference, startLoopbackOpenAi } from '../../tests/generator/writers/loopback-openai.ts';
import { loopbackWriter } from '../../tests/generator/writers/loopback-writer.ts';
import { writeResults } from './write-results.ts';

const LATENCY_MS = Number(process.env.BENCH_MODEL_LATENCY_MS ?? 400);
const home = mkdtempSync(join(tmpdir(), 'ds-bench-writers-'));
process.env.DREAMSEED_HOME = home;
const server = await startLoopbackOpenAi(async (r) => {
  await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
  return echoReference(r);
});
const db = await openDatabase({ kind: 'pglite-memory' });
await migrate(db);
await applySeed(db);
const slugs = (
  await asService(db, (tx) => tx.query<{ slug: string }>('select slug from public.users order by slug'))
).map((r) => r.slug);
const cache = createFileCache(join(home, 'cache'));

interface Row {
  slug: string;
  pass: 'first' | 'unchanged' | 'who_serves changed';
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number | null;
  sections_ai: number;
  sections_written: number;
  alternatives: number;
  write_ms: number;
  total_ms: number;
}

async function run(slug: string, pass: Row['pass']): Promise<Row> {
  const started = performance.now();
  const { summary } = await generateSiteDetailed({
    source: { kind: 'founder', idOrSlug: slug },
    db,
    outDir: join(home, 'sites', slug),
    writer: loopbackWriter(server.url, { timeoutMs: 30_000 }, cache),
  });
  const u = summary.usage;
  return {
    slug,
    pass,
    calls: u.calls,
    prompt_tokens: u.prompt_tokens,
    completion_tokens: u.completion_tokens,
    cost_usd: u.cost_usd,
    sections_ai: summary.sections.filter((s) => s.writer === 'openai').length,
    sections_written: u.sections_written,
    alternatives: summary.sections.reduce((n, s) => n + s.alternatives, 0),
    write_ms: summary.timings_ms['write sections'] ?? 0,
    total_ms: Math.round(performance.now() - started),
  };
}

process.stderr.write(`bench writers: ${slugs.length} founders, loopback model latency ${LATENCY_MS} ms …\n`);
const rows: Row[] = [];
for (const slug of slugs) rows.push(await run(slug, 'first'));
for (const slug of slugs) rows.push(await run(slug, 'unchanged'));
for (const slug of slugs) {
  await asService(db, (tx) =>
    tx.query(
      `update public.dream_dna_truth t set who_serves = t.who_serves || ' (and their friends)'
         from public.users u where u.id = t.user_id and u.slug = $1`,
      [slug],
    ),
  );
  rows.push(await run(slug, 'who_serves changed'));
}
await db.close();
await server.close();
rmSync(home, { recursive: true, force: true });

const of = (pass: Row['pass']) => rows.filter((r) => r.pass === pass);
const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
const first = of('first');
const summary = {
  model_latency_ms: LATENCY_MS,
  calls_per_site_mean: mean(first.map((r) => r.calls)),
  tokens_per_site_mean: mean(first.map((r) => r.prompt_tokens + r.completion_tokens)),
  cost_usd_per_site_mean: Number(
    (first.reduce((a, r) => a + (r.cost_usd ?? 0), 0) / first.length).toFixed(4),
  ),
  first_write_ms_mean: mean(first.map((r) => r.write_ms)),
  unchanged_calls_total: of('unchanged').reduce((a, r) => a + r.calls, 0),
  unchanged_write_ms_mean: mean(of('unchanged').map((r) => r.write_ms)),
  changed_calls_mean: mean(of('who_serves changed').map((r) => r.calls)),
  changed_write_ms_mean: mean(of('who_serves changed').map((r) => r.write_ms)),
  changed_total_ms_mean: mean(of('who_serves changed').map((r) => r.total_ms)),
};
const header = [
  'founder',
  'run',
  'model calls',
  'prompt tok',
  'completion tok',
  'cost $',
  'AI sections',
  'rewritten',
  'alternatives',
  'write ms',
  'total ms',
];
const lines = [
  header,
  ...rows.map((r) =>
    [
      r.slug,
      r.pass,
      r.calls,
      r.prompt_tokens,
      r.completion_tokens,
      r.cost_usd?.toFixed(4) ?? '-',
      r.sections_ai,
      r.sections_written,
      r.alternatives,
      r.write_ms,
      r.total_ms,
    ].map(String),
  ),
].map((r) => `| ${r.join(' | ')} |`);
lines.splice(1, 0, `|${header.map(() => '---').join('|')}|`);
const md = [
  '# Writers benchmark (OpenAI writer, real SDK, loopback model)',
  '',
  `Machine: ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}. The loopback model answers every request after ${LATENCY_MS} ms with the reference draft; tokens are the server's estimate (characters / 4), cost at gpt-4.1-mini prices. Alternatives (who_serves etc. below 0.7 confidence) are included.`,
  'Runs per founder: first generation (empty content cache), an unchanged regeneration, then a regeneration after who_serves changes. "write ms" is the write-sections stage; "total ms" includes brand, build and record.',
  '',
  ...lines,
  '',
  `Per site: ${summary.calls_per_site_mean} model calls, ${summary.tokens_per_site_mean} tokens, about $${summary.cost_usd_per_site_mean} (mean); write stage ${summary.first_write_ms_mean} ms.`,
  `Unchanged regeneration: ${summary.unchanged_calls_total} model calls in total, write stage ${summary.unchanged_write_ms_mean} ms (mean).`,
  `After who_serves changes: ${summary.changed_calls_mean} model calls, write stage ${summary.changed_write_ms_mean} ms, whole regeneration ${summary.changed_total_ms_mean} ms (mean).`,
  '',
].join('\n');
writeResults('writers', md, { summary, rows });
