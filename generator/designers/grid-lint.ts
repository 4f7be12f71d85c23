import type { Catalog } from '../catalog/registry.ts';
import type { CellBuild, GridPair } from './grid-build.ts';
import { type LintReport, lintReport } from './lint.ts';
import type { Finding } from './lint-finding.ts';
import { siteBytes } from './site-bytes.ts';

/**
 * The grid's builds come from `templates lint` (lint.ts): it renders each
 * template for each chosen demo founder anyway (one Astro build per cell, the
 * same bytes `generate` makes), so the contact sheet screenshots those builds
 * and shows the findings of each cell, with no second build.
 */
export interface LintedCells {
  builds: CellBuild[];
  findings: Finding[];
  ms: number;
}

export async function lintAndBuild(
  templates: string[],
  founders: string[],
  workDir: string,
  onProgress?: (line: string) => void,
): Promise<LintedCells> {
  const report: LintReport = await lintReport(templates, {
    founders,
    edges: false,
    build: true,
    workDir,
    onProgress,
  });
  const builds = templates.flatMap((template) =>
    founders.map((founder): CellBuild => {
      const r = report.renders.find((x) => x.template === template && x.case === founder);
      const failed = report.findings.find(
        (f) => f.template === template && f.case === founder && f.id === 'render/failed',
      );
      return {
        template,
        founder,
        dir: r?.out_dir ?? '',
        ok: !!r?.ok && !!r.out_dir,
        ms: r?.ms ?? 0,
        bytes: r?.ok && r.out_dir ? siteBytes(r.out_dir) : null,
        error: r?.ok
          ? null
          : {
              message: failed?.message ?? 'not rendered (see the lint findings)',
              file: failed?.file ?? null,
              line: failed?.line ?? null,
              column: null,
            },
      };
    }),
  );
  return { builds, findings: report.findings, ms: report.ms };
}

/**
 * A cell's findings: the template's own (static ones apply to every founder),
 * those found rendering for this founder, and the section rules of the
 * sections the template uses.
 */
export function cellFindings(findings: Finding[], catalog: Catalog, pair: GridPair): Finding[] {
  const t = catalog.templates.get(pair.template);
  const used = new Set([
    'header',
    'footer',
    ...(t?.pages.flatMap((p) => p.sections.map((s) => s.type)) ?? []),
  ]);
  return findings.filter((f) =>
    f.template
      ? f.template === pair.template && (!f.case || f.case === pair.founder)
      : used.has(f.file.split('/')[1] ?? '') && f.file.startsWith('sections/'),
  );
}
