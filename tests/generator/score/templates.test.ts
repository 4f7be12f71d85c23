import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import type { JsonLdReport } from '../../../generator/score/checks/jsonld.ts';
import { type LighthouseRuns, THRESHOLDS, TIMING_AUDITS } from '../../../generator/score/lighthouse-run.ts';
import { openScorer, type Scorer } from '../../../generator/score/scorer.ts';
import { demoBundlePath, demoBundles, templateDemoPairs } from '../../helpers/demo.ts';

/**
 * Every template, built for the demo founder it suits, scored for real:
 * Lighthouse on the mobile home page (the gate's hardest profile; one run per
 * template, one at a time, in one shared Chromium) must meet every bar that
 * does not depend on the machine (helpers/lighthouse-files.ts), and every
 * reviewer check on every page must pass: HTML validity, axe at mobile and
 * desktop size, links and assets, JSON-LD against the DNA, security headers,
 * byte budgets, a clean console.
 */
const home = mkdtempSync(join(tmpdir(), 'ds-score-templates-'));
const catalog = await loadCatalog();
const bundles = await demoBundles();
const pairs = templateDemoPairs(catalog, bundles);

let scorer: Scorer;
beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  scorer = await openScorer();
});
afterAll(async () => {
  await scorer?.close();
  rmSync(home, { recursive: true, force: true });
});

describe.each(pairs)('template %s with %s', (templateId, slug) => {
  it('meets the Lighthouse bars on the mobile home page and passes every check', {
    timeout: 240_000,
  }, async () => {
    const outDir = join(home, `${templateId}-${slug}`);
    await generateSite({ source: { kind: 'dna', file: demoBundlePath(slug) }, template: templateId, outDir });
    const report = await scorer.score(outDir, {
      bundle: bundles.get(slug)!,
      runs: [{ page: 'home', form_factor: 'mobile' }],
    });
    const lighthouse = report.checks.lighthouse!.data as Pick<LighthouseRuns, 'runs' | 'unmeasured'>;
    const run = lighthouse.runs[0]!;
    const failing = run.failing_audits.map((a) => `${a.id} (${a.score})`).join(', ');
    // Every bar that does not depend on the machine, exactly: the other categories at 100, and no
    // performance audit failing but the timings (the bar of 95 on the timings is `npm run bench`'s).
    for (const [category, minimum] of Object.entries(THRESHOLDS.minimum)) {
      expect(
        run.scores[category as keyof typeof run.scores],
        `${category}; failing audits: ${failing}`,
      ).toBeGreaterThanOrEqual(minimum);
    }
    expect(
      run.failing_audits.filter((a) => !TIMING_AUDITS.includes(a.id)).map((a) => a.id),
      failing,
    ).toEqual([]);
    expect((report.checks.jsonld!.data as JsonLdReport).dna_checked).toBe(true);
    expect(report.failures).toEqual([]);
    expect(report.complete).toBe(false); // one run of four, on purpose
    expect(lighthouse.runs.map((r) => `${r.page} ${r.form_factor}`)).toEqual(['/ mobile']);
  });
});
