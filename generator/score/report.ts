import { z } from 'zod';
import type { CheckResult, Finding, ReportLine } from './check.ts';
import type { Category, FormFactor } from './lighthouse-run.ts';

/**
 * What one scoring of a built site measured. Stored whole on
 * `generated_websites.lighthouse_scores` (and in `<site>.score/score.json`);
 * `summary` is the compact form copied onto each deploy record. Version 2 keeps
 * each check's outcome under `checks`; a stored version 1 report (one field per
 * check) is still read back: the fields read back are the same in both.
 */
export interface ScoreReport {
  version: 2;
  site_dir: string;
  /** Digest of the scored files (the same digest deploys use): a score applies to exactly these bytes. */
  content_digest: string;
  measured_at: string;
  duration_ms: number;
  /** True when every check measured all it should (Lighthouse: every required run was made). */
  complete: boolean;
  /** Tool versions: `chromium`, and whatever the checks ran (`lighthouse`, `axe`, `html_checker`, …). */
  tools: Record<string, string | null>;
  pages: string[];
  reports_dir: string;
  /** Each check's outcome by id, in the order the checks report. */
  checks: Record<string, CheckOutcome>;
  /** Every problem measured, worded as what to fix (the gate's reasons). */
  failures: string[];
  /** No failures, and complete: this build clears the publish gate's measurements. */
  passed: boolean;
  summary: ScoreSummary;
}

export interface CheckOutcome {
  title: string;
  /** No `error` finding. */
  passed: boolean;
  complete: boolean;
  findings: Finding[];
  lines: ReportLine[];
  table?: CheckResult['table'];
  data?: unknown;
}

export interface ScoreSummary {
  measured_at: string;
  content_digest: string;
  passed: boolean;
  complete: boolean;
  /** How many reasons the gate gave. */
  failures: number;
  /** `page formFactor` → category scores, e.g. `"/ mobile": { performance: 100, … }` (the lighthouse check's). */
  lighthouse?: Record<string, Record<Category, number>>;
  /** What the checks add (their `summary`): `html_errors`, `axe_violations`, `broken_links`, `missing_assets`, … */
  [value: string]: unknown;
}

export function runKey(page: string, formFactor: FormFactor): string {
  return `${page} ${formFactor}`;
}

/** The fields read back from a stored report (version 1 or 2); the rest is for people and tools. */
export const storedScoreSchema = z.looseObject({
  version: z.union([z.literal(1), z.literal(2)]),
  content_digest: z.string().min(1),
  measured_at: z.string(),
  complete: z.boolean(),
  passed: z.boolean(),
  failures: z.array(z.string()),
  summary: z.looseObject({
    lighthouse: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  }),
});

export function readStoredScore(value: unknown): ScoreReport | null {
  const parsed = storedScoreSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as ScoreReport) : null;
}
