import { defineCheck, finding, formatBytes } from '../check.ts';
import { CATEGORIES, type Category, DEFAULT_PERFORMANCE_MIN, THRESHOLDS } from '../lighthouse-run.ts';
import { runKey } from '../report.ts';

/**
 * Lighthouse's four category scores against `THRESHOLDS` on every run the
 * scorer made (mobile and desktop, home and the inner page): performance is
 * gated on mobile only, the rest must be 100, each miss named with the audits
 * to fix. A page Lighthouse never measured blocks too, and a run not made
 * leaves the report incomplete (a `--quick` score cannot publish).
 */
const LABEL: Record<Category, string> = {
  performance: 'performance',
  accessibility: 'accessibility',
  'best-practices': 'best practices',
  seo: 'SEO',
};

export default defineCheck({
  id: 'lighthouse',
  title: 'Lighthouse',
  order: 10,
  needs: ['lighthouse'],
  kinds: { unmeasured: { listAll: true }, 'below-bar': { listAll: true } },
  run({ lighthouse: { runs, unmeasured, required } }) {
    const findings = unmeasured.map((run) =>
      finding(
        'unmeasured',
        run.page,
        `Lighthouse could not measure ${run.page} (${run.form_factor}) in ${run.attempts} runs (${run.code}): score it again; if it persists, open the page in Chromium and look for what stops it loading`,
        { numbers: { attempts: run.attempts } },
      ),
    );
    const below = runs.flatMap((run) =>
      CATEGORIES.filter(
        (c) => c !== 'performance' || THRESHOLDS.performanceFormFactors.includes(run.form_factor),
      )
        .filter((c) => run.scores[c] < THRESHOLDS.minimum[c])
        .map((category) => {
          const minimum = THRESHOLDS.minimum[category];
          const score = run.scores[category];
          const audits = run.failing_audits.filter((a) => a.categories.includes(category)).map((a) => a.id);
          return finding(
            'below-bar',
            run.page,
            `Lighthouse ${LABEL[category]} is ${score} on ${run.page} (${run.form_factor}), needs ${minimum === 100 ? '100' : `≥ ${minimum}`}` +
              (audits.length ? `: fix ${audits.slice(0, 8).join(', ')}` : ''),
            { numbers: { score, minimum } },
          );
        }),
    );
    const version = runs[0]?.lighthouse_version ?? null;
    const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`);
    const notMeasured = [...new Set(runs.flatMap((r) => r.unmeasured_audits.map((a) => a.id)))];
    return {
      findings: [...findings, ...below],
      table: {
        columns: ['page', 'device', 'perf', 'a11y', 'best pr.', 'seo', 'LCP', 'CLS', 'TBT', 'bytes'],
        rows: runs.map((r) => ({
          page: r.page,
          device: r.form_factor,
          perf: r.scores.performance,
          a11y: r.scores.accessibility,
          'best pr.': r.scores['best-practices'],
          seo: r.scores.seo,
          LCP: ms(r.metrics.lcp_ms),
          CLS: r.metrics.cls,
          TBT: ms(r.metrics.tbt_ms),
          bytes: formatBytes(r.total_bytes),
        })),
      },
      lines: [
        ...(THRESHOLDS.minimum.performance === DEFAULT_PERFORMANCE_MIN
          ? []
          : [
              {
                text: `Note: the mobile performance bar: ${THRESHOLDS.minimum.performance}, lowered from ${DEFAULT_PERFORMANCE_MIN} by DREAMSEED_PERFORMANCE_MIN`,
              },
            ]),
        {
          pass: !findings.length && !below.length,
          text: `Lighthouse${version ? ` ${version}` : ''}: ${runs.length} of ${required.length} runs made, ${below.length} scores under the bar, ${unmeasured.length} runs not measured`,
        },
        ...runs
          .filter((r) => r.failing_audits.length)
          .map((r) => ({
            text: `Failing audits on ${r.page} ${r.form_factor}: ${r.failing_audits.map((a) => `${a.id} (${a.score}${a.display ? `, ${a.display}` : ''})`).join(', ')}`,
          })),
        ...(notMeasured.length
          ? [{ text: `Not measured (diagnostics with no score weight): ${notMeasured.join(', ')}` }]
          : []),
      ],
      summary: { lighthouse: Object.fromEntries(runs.map((r) => [runKey(r.page, r.form_factor), r.scores])) },
      tools: { lighthouse: version },
      data: { runs, unmeasured },
      complete: required.every((r) => runs.some((l) => l.page === r.page && l.form_factor === r.form_factor)),
    };
  },
});
