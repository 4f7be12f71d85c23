import { join } from 'node:path';
import type { CatalogRoots } from '../catalog/registry.ts';
import type { LintRender } from './lint.ts';
import type { LintCase } from './lint-cases.ts';
import type { Finding } from './lint-finding.ts';

/**
 * `templates lint --lighthouse`: the score checks (Lighthouse, axe, HTML
 * validity, links, JSON-LD, headers, budgets; generator/score) on each
 * template's first successful build, each finding as `score/<check>/<kind>`
 * on the template's file. Chromium and Lighthouse load only here.
 */
export async function lighthouseFindings(
  renders: LintRender[],
  cases: LintCase[],
  roots: CatalogRoots,
  rel: (path: string) => string,
  progress: (line: string) => void,
): Promise<Finding[]> {
  const { openScorer } = await import('../score/scorer.ts');
  const scorer = await openScorer();
  const out: Finding[] = [];
  try {
    const firsts = new Map<string, LintRender>();
    for (const r of renders) if (r.ok && r.out_dir && !firsts.has(r.template)) firsts.set(r.template, r);
    for (const [template, r] of firsts) {
      const bundle = cases.find((c) => c.id === r.case)?.bundle ?? null;
      const report = await scorer.score(r.out_dir!, { bundle });
      progress(`${template} × ${r.case}: scored (${report.passed ? 'passed' : 'failed'})`);
      const file = rel(join(roots.templates, template, 'template.json'));
      for (const [check, outcome] of Object.entries(report.checks))
        for (const f of outcome.findings)
          out.push({
            id: `score/${check}/${f.id}`,
            severity: f.severity,
            file,
            line: 1,
            message: `${template} for ${r.case}${f.page ? ` ${f.page}` : ''}: ${f.message}`,
            hint: f.hint ?? `See the score report in ${report.reports_dir}.`,
            template,
            case: r.case,
          });
    }
  } finally {
    await scorer.close();
  }
  return out;
}
