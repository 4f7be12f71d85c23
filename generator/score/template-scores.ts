import type { Queryable } from '../db/database.ts';
import { CATEGORIES, type Category, THRESHOLDS } from './lighthouse-run.ts';
import { readStoredScore } from './report.ts';

/**
 * Performance tracking ("SEO scores, mobile optimization, loading speed" of
 * `website_templates`): per template and version, the recorded scores of the
 * sites built with it (`generated_websites.lighthouse_scores`, the last score
 * of each site's current build). Per site, a category's score is the worst run
 * the publish gate judges (performance on the gated form factors only, the
 * others on every run); per template the median over its sites. A median under
 * the gate's bar (`THRESHOLDS`) flags the template.
 */
export interface ScoreAggregate {
  template_id: string;
  /** The template version the sites were built with (null: not recorded). */
  version: string | null;
  sites: number;
  /** Median per Lighthouse category (null: no site measured it). */
  medians: Record<Category, number | null>;
  /** Median bytes of the home page (Lighthouse total-byte-weight, mobile run). */
  home_bytes: number | null;
  /** Median home-page LCP on mobile, ms (written to website_templates.avg_load_ms). */
  home_lcp_ms: number | null;
  /** Failing Lighthouse audits over all sites' runs, by audit id. */
  failing_audits: Record<string, number>;
  /** Sites whose score did not pass the gate. */
  failed_sites: number;
  /** The categories whose median is under the bar. */
  below_bar: Category[];
}

interface SiteScore {
  scores: Partial<Record<Category, number>>;
  home_bytes: number | null;
  home_lcp_ms: number | null;
  failing: string[];
  passed: boolean;
}

interface StoredRun {
  page: string;
  form_factor: 'mobile' | 'desktop';
  scores: Record<Category, number>;
  total_bytes?: number;
  metrics?: { lcp_ms?: number };
  failing_audits?: { id: string }[];
}

/** What one stored score report says about its site, or null when it is not a score report. */
export function siteScore(stored: unknown): SiteScore | null {
  const report = readStoredScore(stored);
  if (!report) return null;
  const data = (report.checks?.lighthouse?.data ?? null) as { runs?: StoredRun[] } | null;
  const runs: StoredRun[] =
    data?.runs ??
    Object.entries(report.summary.lighthouse ?? {}).map(([key, scores]) => {
      const [page = '/', form] = key.split(' ');
      return { page, form_factor: form === 'desktop' ? 'desktop' : 'mobile', scores };
    });
  const scores: Partial<Record<Category, number>> = {};
  for (const c of CATEGORIES) {
    const judged = runs
      .filter((r) => c !== 'performance' || THRESHOLDS.performanceFormFactors.includes(r.form_factor))
      .map((r) => r.scores[c])
      .filter((v): v is number => typeof v === 'number');
    if (judged.length) scores[c] = Math.min(...judged);
  }
  const home =
    runs.find((r) => r.page === '/' && r.form_factor === 'mobile') ?? runs.find((r) => r.page === '/');
  return {
    scores,
    home_bytes: home?.total_bytes ?? null,
    home_lcp_ms: home?.metrics?.lcp_ms ?? null,
    failing: runs.flatMap((r) => (r.failing_audits ?? []).map((a) => a.id)),
    passed: report.passed,
  };
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function aggregate(templateId: string, version: string | null, sites: SiteScore[]): ScoreAggregate {
  const medians = Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      median(sites.map((s) => s.scores[c]).filter((v): v is number => v !== undefined)),
    ]),
  ) as Record<Category, number | null>;
  const failing_audits: Record<string, number> = {};
  for (const id of sites.flatMap((s) => s.failing)) failing_audits[id] = (failing_audits[id] ?? 0) + 1;
  return {
    template_id: templateId,
    version,
    sites: sites.length,
    medians,
    home_bytes: median(sites.flatMap((s) => (s.home_bytes === null ? [] : [s.home_bytes]))),
    home_lcp_ms: median(sites.flatMap((s) => (s.home_lcp_ms === null ? [] : [s.home_lcp_ms]))),
    failing_audits,
    failed_sites: sites.filter((s) => !s.passed).length,
    below_bar: CATEGORIES.filter((c) => medians[c] !== null && medians[c]! < THRESHOLDS.minimum[c]),
  };
}

/** The aggregates of every template and version with at least one scored site, by template then version. */
export async function templateScores(tx: Queryable): Promise<ScoreAggregate[]> {
  const rows = await tx.query<{
    template_id: string;
    template_version: string | null;
    lighthouse_scores: unknown;
  }>(
    `select template_id, template_version, lighthouse_scores from public.generated_websites
      where template_id is not null and lighthouse_scores is not null
      order by template_id, template_version nulls first, site_slug`,
  );
  const groups = new Map<string, { id: string; version: string | null; sites: SiteScore[] }>();
  for (const r of rows) {
    const score = siteScore(r.lighthouse_scores);
    if (!score) continue;
    const key = `${r.template_id}\u0000${r.template_version ?? ''}`;
    const group = groups.get(key) ?? { id: r.template_id, version: r.template_version, sites: [] };
    group.sites.push(score);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => aggregate(g.id, g.version, g.sites));
}

/**
 * Writes the aggregate of each template's current version (over every site
 * when no site of that version is scored yet) to `website_templates`:
 * seo_score, mobile_score (mobile performance), performance_score (the gated
 * performance median), avg_load_ms (median home LCP on mobile). Service role.
 */
export async function saveTemplateScores(
  tx: Queryable,
  current: Map<string, string>,
  aggregates: ScoreAggregate[],
): Promise<number> {
  let saved = 0;
  for (const [id, version] of current) {
    const mine = aggregates.filter((a) => a.template_id === id);
    const pick = mine.find((a) => a.version === version) ?? mine.at(-1);
    if (!pick) continue;
    const round = (v: number | null) => (v === null ? null : Math.round(v));
    const res = await tx.query<{ id: string }>(
      `update public.website_templates
          set seo_score = $2, mobile_score = $3, performance_score = $3, avg_load_ms = $4
        where id = $1 returning id`,
      [id, round(pick.medians.seo), round(pick.medians.performance), round(pick.home_lcp_ms)],
    );
    saved += res.length;
  }
  return saved;
}
