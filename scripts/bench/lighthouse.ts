#!/usr/bin/env node
// Lighthouse benchmark (part of `npm run bench`): every template, built for the demo founder it suits (as
// tests/generator/score/templates.test.ts pairs them), measured on the mobile home page RUNS times in the
// scorer's Chromium (generator/score/chromium.ts), one run at a time. Raw runs: the bar is set to 0 so no
// run is retried. Reports each template's performance median and range, total blocking time, and whether
// the median reaches the product's bar of 95; the other three categories are asserted by the tests.
// Writes bench-results/lighthouse.{md,json}.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { startStaticHost } from '../../generator/deploy/static-host.ts';
import { generateSite } from '../../generator/pipeline.ts';
import { launchBrowser, requireChromium } from '../../generator/score/chromium.ts';
import { DEFAULT_PERFORMANCE_MIN, runLighthouse } from '../../generator/score/lighthouse-run.ts';
import { withLighthouseLock } from '../../generator/score/run-lock.ts';
import { demoBundlePath, demoBundles, templateDemoPairs } from '../../tests/helpers/demo.ts';
import { writeResults } from './results.ts';

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
const home = mkdtempSync(join(tmpdir(), 'ds-bench-lighthouse-'));
process.env.DREAMSEED_HOME = home;
process.env.DREAMSEED_DB = 'memory:';
process.env.DREAMSEED_PERFORMANCE_MIN = '0';

const pairs = templateDemoPairs(await loadCatalog(), await demoBundles());

interface Row {
  template: string;
  slug: string;
  performance: number[];
  tbt_ms: number[];
  lcp_ms: number[];
  other_categories_min: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: Row[] = [];
const browser = await launchBrowser(requireChromium());
try {
  for (const [template, slug] of pairs) {
    const outDir = join(home, `${template}-${slug}`);
    await generateSite({ source: { kind: 'dna', file: demoBundlePath(slug) }, template, outDir });
    const host = await startStaticHost(outDir);
    const row: Row = { template, slug, performance: [], tbt_ms: [], lcp_ms: [], other_categories_min: 100 };
    try {
      for (let i = 0; i < RUNS; i++) {
        const { run } = await withLighthouseLock(() => runLighthouse(browser.port, host.url, '/', 'mobile'));
        row.performance.push(run.scores.performance);
        row.tbt_ms.push(run.metrics.tbt_ms);
        row.lcp_ms.push(run.metrics.lcp_ms);
        row.other_categories_min = Math.min(
          row.other_categories_min,
          run.scores.accessibility,
          run.scores['best-practices'],
          run.scores.seo,
        );
      }
    } finally {
      await host.close();
    }
    rows.push(row);
    process.stderr.write(`bench: ${template} (${slug}) performance ${row.performance.join(', ')}\n`);
  }
} finally {
  await browser.close();
  rmSync(home, { recursive: true, force: true });
}

const reached = rows.filter((r) => median(r.performance) >= DEFAULT_PERFORMANCE_MIN).length;
const md = [
  '# Lighthouse: mobile home page of every template',
  '',
  `${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)} at the end; ${RUNS} runs per template, ` +
    'one at a time, in the scorer’s Chromium; raw runs (none retried).',
  '',
  '| template | demo founder | performance median (min–max) | TBT median | LCP median | a11y / best practices / SEO (lowest) |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.template} | ${r.slug} | ${median(r.performance)} (${Math.min(...r.performance)}–${Math.max(...r.performance)}) | ${median(r.tbt_ms)} ms | ${median(r.lcp_ms)} ms | ${r.other_categories_min} |`,
  ),
  '',
  `Templates whose median reaches the publish bar of ${DEFAULT_PERFORMANCE_MIN}: ${reached} of ${rows.length}.`,
  '',
].join('\n');
writeResults('lighthouse', md, { runs_per_template: RUNS, bar: DEFAULT_PERFORMANCE_MIN, rows });
