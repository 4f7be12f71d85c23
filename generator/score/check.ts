import type { DnaBundle } from '../dna/schema.ts';
import type { LighthouseRuns } from './lighthouse-run.ts';
import type { PageVisit } from './page-visits.ts';
import type { SitePages } from './site-pages.ts';

/**
 * The contract every quality check keeps (Lighthouse's audits are the model):
 * one file in `checks/` exporting `defineCheck({ id, title, order, needs, kinds,
 * run })`. `needs` names the artifacts it reads; the scorer gathers each of
 * them once per site, however many checks need it, and hands the check only
 * those. `run` returns uniform findings; the gate, the report and the CLI are
 * written over the list of checks and know none of them by name.
 */
export interface Artifacts {
  /** The built site's folder (absolute). */
  root: string;
  /** Its pages: every HTML file as a site path, home first; the inner page Lighthouse measures. */
  pages: SitePages;
  /** Every file of the build, relative to `root` (the deploy manifest's list). */
  files: string[];
  /** The text of the site's `_headers` file; null when it has none. */
  headersFile: string | null;
  /** The founder's Dream DNA; null when none was given (facts cannot be checked then). */
  bundle: DnaBundle | null;
  /** Where the site is served while it is scored (loopback), exactly as Netlify serves it. */
  servedUrl: string;
  /** Every page loaded in Chromium at mobile and desktop size: axe, references, ids, JSON-LD, console. */
  visits: PageVisit[];
  /** The Lighthouse runs (one at a time, nothing else running) and the pages it never measured. */
  lighthouse: LighthouseRuns;
  /** The machine's Java runtime, for checkers that run on the JVM. */
  java: string;
}

export type ArtifactName = keyof Artifacts;

/** `error` blocks the publish gate; `warning` is reported and blocks nothing. */
export type Severity = 'error' | 'warning';

export interface Finding<K extends string = string> {
  /** The kind of problem: one of the check's `kinds`. */
  id: K;
  severity: Severity;
  /** The site path it is on; null when it concerns the whole site. */
  page: string | null;
  /** What to fix, in one line: the gate lists it word for word. */
  message: string;
  /** Where to read more, or what to try. */
  hint?: string;
  /** What was measured, for tools: a score and its bar, bytes and their limit. */
  numbers?: Record<string, number>;
}

/**
 * How the gate lists a kind of error: the first five, then "… and 3 more
 * <plural> (see the score report)"; or every one (`listAll`).
 */
export type FindingKind = { plural: string } | { listAll: true };

/** A line of the printed report: marked ✓ or ✗ when it has `pass`, a plain note otherwise. */
export interface ReportLine {
  pass?: boolean;
  text: string;
}

export interface CheckResult<K extends string = string> {
  findings: Finding<K>[];
  /** What the check says in the printed report, e.g. "HTML validity: 0 errors, 3 warnings (vnu 26.1)". */
  lines: ReportLine[];
  /** A table printed before its lines (rows keyed by column). */
  table?: { columns: string[]; rows: Record<string, string | number | null>[] };
  /** Values copied onto the report's summary, which every deploy record keeps: counts such as `html_errors`. */
  summary?: Record<string, unknown>;
  /** The versions of the tools it ran, for the report's `tools`. */
  tools?: Record<string, string | null>;
  /** False when it could not measure all it should: the report is then incomplete and cannot publish. */
  complete?: boolean;
  /** Everything else it measured, kept in the report for people and tools. */
  data?: unknown;
}

export interface CheckDefinition<N extends ArtifactName = ArtifactName, K extends string = string> {
  /** Kebab-case, the file's name: `checks/<id>.ts`. */
  id: string;
  title: string;
  /** Where its findings come in the gate and its lines in the report (lower first). */
  order: number;
  /** The artifacts `run` reads. */
  needs: readonly N[];
  /** The kinds of finding it reports, in the order the gate lists them. */
  kinds: Record<K, FindingKind>;
  run(artifacts: Pick<Artifacts, N>): CheckResult<K> | Promise<CheckResult<K>>;
}

export type Check = CheckDefinition<ArtifactName, string>;

/** Types a check's definition: `run` sees exactly the artifacts in `needs`, findings only the declared kinds. */
export function defineCheck<const N extends ArtifactName, const K extends string>(
  definition: CheckDefinition<N, K>,
): CheckDefinition<N, K> {
  return definition;
}

/** A finding: an `error`, which blocks the gate, unless `more` says `severity: 'warning'`. */
export function finding<K extends string>(
  id: K,
  page: string | null,
  message: string,
  more: Partial<Pick<Finding, 'severity' | 'hint' | 'numbers'>> = {},
): Finding<K> {
  return { id, severity: 'error', page, message, ...more };
}

/** Bytes as the gate and the report word them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
