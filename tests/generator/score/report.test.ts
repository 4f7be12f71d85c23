import { describe, expect, it } from 'vitest';
import { readStoredScore } from '../../../generator/score/report.ts';

/**
 * Stored reports stay readable across versions: the publish gate reads back
 * the same fields from a version 1 report (one field per check, as stored
 * before the checks became a list) as from a version 2 one, and ignores what
 * is not a report.
 */
const summary = {
  measured_at: '2026-11-20T10:00:00.000Z',
  content_digest: 'sha256-abc',
  passed: false,
  complete: true,
  lighthouse: { '/ mobile': { performance: 99, accessibility: 100, 'best-practices': 100, seo: 100 } },
  html_errors: 1,
  axe_violations: 0,
  broken_links: 0,
  missing_assets: 0,
  failures: 1,
};
const common = {
  site_dir: '/sites/bakery',
  content_digest: 'sha256-abc',
  measured_at: summary.measured_at,
  duration_ms: 1,
  complete: true,
  pages: ['/'],
  reports_dir: '/sites/bakery.score',
  failures: ['HTML error in index.html line 3: Bad thing.'],
  passed: false,
  summary,
};

describe('stored score reports', () => {
  it('reads back a version 1 report as the gate needs it', () => {
    const v1 = {
      ...common,
      version: 1,
      tools: { lighthouse: '12.2.3', chromium: 'Chromium 140', axe: '4.10.3', html_checker: 'vnu 26.1' },
      lighthouse: [],
      lighthouse_unmeasured: [],
      html: { errors: [{ file: 'index.html', line: 3, message: 'Bad thing.', extract: null }], warnings: 0 },
      axe: [],
      links: { broken_links: [], missing_assets: [], internal_links: 1, external_links: 0 },
      jsonld: { blocks: 1, invalid: [], invented: [], dna_checked: true },
      headers: { problems: [], home: {} },
      budgets: [],
      console_errors: [],
    };
    expect(readStoredScore(v1)).toMatchObject({
      content_digest: 'sha256-abc',
      complete: true,
      passed: false,
      failures: common.failures,
      summary: { html_errors: 1, lighthouse: summary.lighthouse },
      reports_dir: common.reports_dir,
    });
  });

  it('reads back a version 2 report, with or without Lighthouse scores', () => {
    const v2 = { ...common, version: 2, tools: {}, checks: {} };
    expect(readStoredScore(v2)?.failures).toEqual(common.failures);
    const { lighthouse: _, ...withoutLighthouse } = summary;
    expect(readStoredScore({ ...v2, summary: withoutLighthouse })?.summary).toEqual(withoutLighthouse);
  });

  it('ignores what is not a report it knows', () => {
    expect(readStoredScore(null)).toBeNull();
    expect(readStoredScore({ ...common, version: 3 })).toBeNull();
    expect(readStoredScore({ ...common, version: 2, failures: 'none' })).toBeNull();
  });
});
