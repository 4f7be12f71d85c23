import type { AxeViolation } from './browser-checks.ts';
import type { BudgetLine } from './budgets.ts';
import type { HeadersReport } from './headers-check.ts';
import type { HtmlMessage } from './html-validity.ts';
import type { JsonLdReport } from './jsonld-check.ts';
import {
  CATEGORIES,
  type Category,
  type FormFactor,
  type LighthouseRun,
  type UnmeasuredRun,
} from './lighthouse-run.ts';
import type { LinkReport } from './link-check.ts';

/**
 * The quality bar a build must clear to go live, as data, and the reasons a
 * measured build misses it, each worded as what to fix. Lighthouse: mobile
 * performance ≥ 95 and accessibility, best practices and SEO = 100 on every
 * measured run; zero HTML errors, axe violations, broken links and missing
 * assets; JSON-LD that parses and states only DNA facts; the security headers;
 * the byte budgets.
 */
export const THRESHOLDS: { minimum: Record<Category, number>; performanceFormFactors: FormFactor[] } = {
  minimum: { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 },
  /** Performance is gated on mobile, the harder profile; desktop is reported. */
  performanceFormFactors: ['mobile'],
};

const LABEL: Record<Category, string> = {
  performance: 'performance',
  accessibility: 'accessibility',
  'best-practices': 'best practices',
  seo: 'SEO',
};

export interface GateInput {
  lighthouse: LighthouseRun[];
  unmeasured: UnmeasuredRun[];
  html: { errors: HtmlMessage[] };
  axe: (AxeViolation & { page: string; viewport: string })[];
  links: LinkReport;
  jsonld: JsonLdReport;
  headers: HeadersReport;
  budgets: BudgetLine[];
  consoleErrors: { page: string; message: string }[];
}

const MAX_LISTED = 5;

export function scoreFailures(input: GateInput): string[] {
  const out: string[] = [];
  for (const run of input.unmeasured) {
    out.push(
      `Lighthouse could not measure ${run.page} (${run.form_factor}) in ${run.attempts} runs (${run.code}): score it again; if it persists, open the page in Chromium and look for what stops it loading`,
    );
  }
  for (const run of input.lighthouse) {
    for (const category of CATEGORIES) {
      if (category === 'performance' && !THRESHOLDS.performanceFormFactors.includes(run.form_factor))
        continue;
      const minimum = THRESHOLDS.minimum[category];
      const score = run.scores[category];
      if (score >= minimum) continue;
      const audits = run.failing_audits.filter((a) => a.categories.includes(category)).map((a) => a.id);
      out.push(
        `Lighthouse ${LABEL[category]} is ${score} on ${run.page} (${run.form_factor}), needs ${minimum === 100 ? '100' : `≥ ${minimum}`}` +
          (audits.length ? `: fix ${audits.slice(0, 8).join(', ')}` : ''),
      );
    }
  }
  listed(
    out,
    input.html.errors,
    (e) => `HTML error in ${e.file}${e.line ? ` line ${e.line}` : ''}: ${e.message}`,
    'HTML errors',
  );
  listed(
    out,
    input.axe,
    (v) =>
      `Accessibility (axe ${v.id}, ${v.impact ?? 'n/a'}) on ${v.page} (${v.viewport}): ${v.help} — ${v.nodes
        .map((n) => n.target)
        .slice(0, 3)
        .join('; ')}`,
    'axe violations',
  );
  listed(
    out,
    input.links.broken_links,
    (l) => `Broken link on ${l.page}: ${l.url} — ${l.reason}`,
    'broken links',
  );
  listed(
    out,
    input.links.missing_assets,
    (l) => `Missing asset on ${l.page}: ${l.url} — ${l.reason}`,
    'missing assets',
  );
  listed(out, input.jsonld.invalid, (j) => `JSON-LD on ${j.page}: ${j.path} ${j.reason}`, 'JSON-LD problems');
  listed(
    out,
    input.jsonld.invented,
    (j) => `JSON-LD on ${j.page}: ${j.path} = "${j.value}" ${j.reason}`,
    'invented JSON-LD values',
  );
  listed(
    out,
    input.headers.problems,
    (h) => `Header ${h.header} on ${h.page}: ${h.problem}`,
    'header problems',
  );
  for (const b of input.budgets) {
    if (b.pass) continue;
    out.push(
      b.actual === null
        ? `Budget "${b.label}" was not measured.`
        : `Budget "${b.label}" is ${formatBytes(b.actual)}, over the ${formatBytes(b.limit)} limit.`,
    );
  }
  listed(
    out,
    input.consoleErrors,
    (c) => `Browser console error on ${c.page}: ${c.message}`,
    'console errors',
  );
  return out;
}

function listed<T>(out: string[], items: T[], line: (item: T) => string, what: string): void {
  for (const item of items.slice(0, MAX_LISTED)) out.push(line(item));
  if (items.length > MAX_LISTED)
    out.push(`… and ${items.length - MAX_LISTED} more ${what} (see the score report).`);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}
