import { afterEach, describe, expect, it } from 'vitest';
import lighthouseCheck from '../../../../generator/score/checks/lighthouse.ts';
import { gateFailures } from '../../../../generator/score/gate.ts';
import type { LighthouseRun, LighthouseRuns } from '../../../../generator/score/lighthouse-run.ts';

/**
 * Lighthouse's scores against the bars, on hand-made runs: each miss worded as
 * what to fix with the audits to look at, performance gated on mobile only, a
 * page never measured blocking, and a run not made leaving the report
 * incomplete.
 */
const run: LighthouseRun & { report_file: string } = {
  page: '/',
  form_factor: 'mobile',
  url: 'http://x/',
  scores: { performance: 91, accessibility: 96, 'best-practices': 100, seo: 100 },
  metrics: { lcp_ms: 3000, cls: 0, tbt_ms: 0, fcp_ms: 1000, speed_index_ms: 1000 },
  total_bytes: 1000,
  failing_audits: [
    { id: 'image-alt', categories: ['accessibility', 'seo'], title: 'x', score: 0, display: null },
    { id: 'largest-contentful-paint', categories: ['performance'], title: 'x', score: 50, display: '3 s' },
  ],
  unmeasured_audits: [{ id: 'layout-shifts', reason: 'x' }],
  warnings: [],
  lighthouse_version: '12.2.3',
  duration_ms: 1,
  attempts: 1,
  report_file: '/x/lighthouse-home-mobile.html',
};

const measured: LighthouseRuns = {
  runs: [
    run,
    {
      ...run,
      form_factor: 'desktop',
      scores: { ...run.scores, performance: 80, accessibility: 100 },
      failing_audits: [],
    },
  ],
  unmeasured: [
    {
      page: '/about/',
      form_factor: 'mobile',
      url: 'http://x/about/',
      code: 'NO_NAVSTART',
      message: 'x',
      attempts: 3,
    },
  ],
  required: [
    { page: '/', form_factor: 'mobile' },
    { page: '/', form_factor: 'desktop' },
    { page: '/about/', form_factor: 'mobile' },
  ],
};

describe('the lighthouse check', () => {
  it('words each failure as what to fix, gating performance on mobile only', async () => {
    const result = await lighthouseCheck.run({ lighthouse: measured });
    expect(gateFailures([lighthouseCheck], { lighthouse: result })).toEqual([
      'Lighthouse could not measure /about/ (mobile) in 3 runs (NO_NAVSTART): score it again; if it persists, open the page in Chromium and look for what stops it loading',
      'Lighthouse performance is 91 on / (mobile), needs ≥ 95: fix largest-contentful-paint',
      'Lighthouse accessibility is 96 on / (mobile), needs 100: fix image-alt',
    ]);
    expect(result.findings.find((f) => f.id === 'below-bar')?.numbers).toEqual({ score: 91, minimum: 95 });
    // A required run that was not made (here: never measured) leaves the report incomplete.
    expect(result.complete).toBe(false);
  });

  it('is complete once every required run is made, and gives the summary and printed report their scores', async () => {
    const result = await lighthouseCheck.run({
      lighthouse: { ...measured, unmeasured: [], required: measured.required.slice(0, 2) },
    });
    expect(result.complete).toBe(true);
    expect(result.summary).toEqual({
      lighthouse: {
        '/ mobile': run.scores,
        '/ desktop': { ...run.scores, performance: 80, accessibility: 100 },
      },
    });
    expect(result.table?.rows[0]).toMatchObject({
      page: '/',
      device: 'mobile',
      perf: 91,
      LCP: '3.0 s',
      bytes: '1000 B',
    });
    expect(result.lines.map((l) => l.text)).toEqual([
      'Lighthouse 12.2.3: 2 of 2 runs made, 2 scores under the bar, 0 runs not measured',
      'Failing audits on / mobile: image-alt (0), largest-contentful-paint (50, 3 s)',
      'Not measured (diagnostics with no score weight): layout-shifts',
    ]);
  });

  describe('with DREAMSEED_PERFORMANCE_MIN', () => {
    afterEach(() => {
      delete process.env.DREAMSEED_PERFORMANCE_MIN;
    });

    it('judges mobile performance against the bar it sets, and says in the report that the bar was lowered', async () => {
      process.env.DREAMSEED_PERFORMANCE_MIN = '90';
      const result = await lighthouseCheck.run({ lighthouse: { ...measured, unmeasured: [] } });
      const failures = gateFailures([lighthouseCheck], { lighthouse: result });
      expect(failures).toEqual(['Lighthouse accessibility is 96 on / (mobile), needs 100: fix image-alt']);
      expect(result.lines[0]).toEqual({
        text: 'Note: the mobile performance bar: 90, lowered from 95 by DREAMSEED_PERFORMANCE_MIN',
      });
      process.env.DREAMSEED_PERFORMANCE_MIN = '92';
      const higher = await lighthouseCheck.run({ lighthouse: { ...measured, unmeasured: [] } });
      expect(gateFailures([lighthouseCheck], { lighthouse: higher })).toContain(
        'Lighthouse performance is 91 on / (mobile), needs ≥ 92: fix largest-contentful-paint',
      );
    });

    it('names the variable and what it takes when its value is not a whole number from 0 to 100', async () => {
      for (const bad of ['ninety', '101', '-1', '95.5']) {
        process.env.DREAMSEED_PERFORMANCE_MIN = bad;
        await expect(
          Promise.resolve().then(() => lighthouseCheck.run({ lighthouse: measured })),
          bad,
        ).rejects.toThrow(/DREAMSEED_PERFORMANCE_MIN: must be a whole number from 0 to 100/);
      }
      process.env.DREAMSEED_PERFORMANCE_MIN = ' ';
      const blank = await lighthouseCheck.run({ lighthouse: measured });
      expect(blank.lines.some((l) => l.text.includes('lowered'))).toBe(false);
    });
  });
});
