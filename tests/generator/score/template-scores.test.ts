import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { THRESHOLDS } from '../../../generator/score/lighthouse-run.ts';
import { saveTemplateScores, siteScore, templateScores } from '../../../generator/score/template-scores.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/**
 * Performance tracking: the aggregates per template and version are the medians
 * of the scores recorded on generated_websites.lighthouse_scores (in the stored
 * report's shape), home bytes and failing audits counted, a median under the
 * gate's bar flagged, and the current version's written to website_templates.
 */
let db: Database;
type Scores = { performance: number; accessibility: number; 'best-practices': number; seo: number };
interface Recorded {
  slug: string;
  version: string;
  mobile: Scores;
  desktop: Scores;
  bytes: number;
  lcp: number;
  audits: string[];
}

function report(r: Recorded) {
  const run = (form: 'mobile' | 'desktop', scores: Scores) => ({
    page: '/',
    form_factor: form,
    scores,
    total_bytes: form === 'mobile' ? r.bytes : r.bytes + 1000,
    metrics: { lcp_ms: form === 'mobile' ? r.lcp : 100, cls: 0, tbt_ms: 0, fcp_ms: 0, speed_index_ms: 0 },
    failing_audits:
      form === 'mobile'
        ? r.audits.map((id) => ({ id, categories: ['performance'], title: id, score: 50 }))
        : [],
  });
  const runs = [run('mobile', r.mobile), run('desktop', r.desktop)];
  const passed = r.audits.length === 0;
  return {
    version: 2,
    content_digest: 'a'.repeat(64),
    measured_at: new Date().toISOString(),
    complete: true,
    passed,
    failures: passed ? [] : ['Lighthouse performance is low'],
    checks: { lighthouse: { data: { runs, unmeasured: [] } } },
    summary: { lighthouse: { '/ mobile': r.mobile, '/ desktop': r.desktop } },
  };
}

const full: Scores = { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 };
const recorded: Recorded[] = [
  {
    slug: 'bakery',
    version: 'v1',
    mobile: { ...full, performance: 98 },
    desktop: full,
    bytes: 30_000,
    lcp: 900,
    audits: ['lcp'],
  },
  {
    slug: 'dog-groomer',
    version: 'v1',
    mobile: { ...full, performance: 92, seo: 91 },
    desktop: { ...full, seo: 90 },
    bytes: 50_000,
    lcp: 1500,
    audits: ['lcp', 'unsized-images'],
  },
  {
    slug: 'yoga-studio',
    version: 'v1',
    mobile: { ...full, seo: 95 },
    desktop: { ...full, performance: 60 },
    bytes: 40_000,
    lcp: 1100,
    audits: [],
  },
  { slug: 'family-law', version: 'v2', mobile: full, desktop: full, bytes: 20_000, lcp: 700, audits: [] },
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

beforeAll(async () => {
  db = await openTestDatabase();
  await asService(db, async (tx) => {
    await tx.query(`select set_config('dreamseed.origin', 'seed', true)`);
    await tx.query(
      `insert into public.website_templates (id, name, version_hash) values ('scored', 'Scored', 'v2')`,
    );
    for (const r of recorded) {
      await tx.query(
        `insert into public.generated_websites (user_id, template_id, site_slug, template_version, lighthouse_scores)
         select id, 'scored', slug, $2, $3 from public.users where slug = $1`,
        [r.slug, r.version, JSON.stringify(report(r))],
      );
    }
  });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('template score aggregates', () => {
  it('per version: the medians of what the gate judges, home bytes, LCP and failing audits as recorded', async () => {
    const all = await asService(db, (tx) => templateScores(tx));
    const mine = all.filter((a) => a.template_id === 'scored');
    expect(mine.map((a) => [a.version, a.sites])).toEqual([
      ['v1', 3],
      ['v2', 1],
    ]);
    const v1 = mine[0]!;
    const sites = recorded.filter((r) => r.version === 'v1');
    const gatedPerf = (r: Recorded) =>
      Math.min(
        ...(['mobile', 'desktop'] as const)
          .filter((f) => THRESHOLDS.performanceFormFactors.includes(f))
          .map((f) => r[f].performance),
      );
    expect(v1.medians.performance).toBe(median(sites.map(gatedPerf)));
    expect(v1.medians.seo).toBe(median(sites.map((r) => Math.min(r.mobile.seo, r.desktop.seo))));
    expect(v1.medians.accessibility).toBe(100);
    expect(v1.home_bytes).toBe(median(sites.map((r) => r.bytes)));
    expect(v1.home_lcp_ms).toBe(median(sites.map((r) => r.lcp)));
    expect(v1.failing_audits).toEqual({ lcp: 2, 'unsized-images': 1 });
    expect(v1.failed_sites).toBe(2);
    expect(v1.below_bar).toContain('seo');
    expect(mine[1]!.below_bar).toEqual([]);
  });

  it('a stored report that is not a score report is left out', () => {
    expect(siteScore({ nothing: true })).toBeNull();
    expect(siteScore(report(recorded[0]!))?.scores.performance).toBe(98);
  });

  it('writes the current version’s medians to website_templates', async () => {
    const aggregates = await asService(db, (tx) => templateScores(tx));
    await asService(db, (tx) => saveTemplateScores(tx, new Map([['scored', 'v2']]), aggregates));
    const [row] = await db.query<Record<string, number>>(
      'select seo_score, mobile_score, performance_score, avg_load_ms from public.website_templates where id = $1',
      ['scored'],
    );
    expect(row).toEqual({ seo_score: 100, mobile_score: 100, performance_score: 100, avg_load_ms: 700 });
  });
});
