import { z } from 'zod';
import type { AxeViolation } from './browser-checks.ts';
import type { BudgetLine } from './budgets.ts';
import type { HeadersReport } from './headers-check.ts';
import type { HtmlMessage } from './html-validity.ts';
import type { JsonLdReport } from './jsonld-check.ts';
import type { Category, FormFactor, LighthouseRun, UnmeasuredRun } from './lighthouse-run.ts';
import type { LinkReport } from './link-check.ts';

/**
 * What one scoring of a built site measured. Stored whole on
 * `generated_websites.lighthouse_scores` (and in `<site>.score/score.json`);
 * `summary` is the compact form copied onto each deploy record.
 */
export interface ScoreReport {
  version: 1;
  site_dir: string;
  /** Digest of the scored files (the same digest deploys use): a score applies to exactly these bytes. */
  content_digest: string;
  measured_at: string;
  duration_ms: number;
  /** True when every required Lighthouse run was made (mobile and desktop, home and inner page). */
  complete: boolean;
  tools: { lighthouse: string | null; chromium: string; axe: string | null; html_checker: string };
  pages: string[];
  lighthouse: (LighthouseRun & { report_file: string })[];
  /** Required runs Lighthouse could not measure (each retried); they make the report incomplete. */
  lighthouse_unmeasured: UnmeasuredRun[];
  reports_dir: string;
  html: { errors: HtmlMessage[]; warnings: number };
  axe: (AxeViolation & { page: string; viewport: string })[];
  links: LinkReport;
  jsonld: JsonLdReport;
  headers: HeadersReport;
  budgets: BudgetLine[];
  console_errors: { page: string; message: string }[];
  /** Every problem measured, worded as what to fix. */
  failures: string[];
  /** No failures, and complete: this build clears the publish gate's measurements. */
  passed: boolean;
  summary: ScoreSummary;
}

export interface ScoreSummary {
  measured_at: string;
  content_digest: string;
  passed: boolean;
  complete: boolean;
  /** `page formFactor` → category scores, e.g. `"/ mobile": { performance: 100, … }`. */
  lighthouse: Record<string, Record<Category, number>>;
  html_errors: number;
  axe_violations: number;
  broken_links: number;
  missing_assets: number;
  failures: number;
}

export function runKey(page: string, formFactor: FormFactor): string {
  return `${page} ${formFactor}`;
}

/** The fields read back from a stored report; the rest is for people and tools. */
export const storedScoreSchema = z.looseObject({
  version: z.literal(1),
  content_digest: z.string().min(1),
  measured_at: z.string(),
  complete: z.boolean(),
  passed: z.boolean(),
  failures: z.array(z.string()),
  summary: z.looseObject({
    lighthouse: z.record(z.string(), z.record(z.string(), z.number())),
  }),
});

export function readStoredScore(value: unknown): ScoreReport | null {
  const parsed = storedScoreSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as ScoreReport) : null;
}
