import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadCatalog } from '../catalog/registry.ts';
import type { CellBuild, GridPair } from './grid-build.ts';
import { diffShots, type PixelDiff } from './grid-diff.ts';
import { cellFindings, lintAndBuild } from './grid-lint.ts';
import { contactSheet } from './grid-sheet.ts';
import { type ShotRequest, takeShots, type ViewportName } from './grid-shots.ts';
import type { Finding } from './lint-finding.ts';
import { buildRevisionCells, extractRevision, resolveRevision } from './revision-tree.ts';
import type { SiteBytes } from './site-bytes.ts';

/**
 * `dreamseed templates grid`: every chosen template built once for every
 * chosen demo founder, screenshotted at phone and desktop width in one
 * browser, and laid out in `<out>/index.html` with each cell's byte sizes and
 * its template's lint findings (`grid.json` holds the same). With `against`,
 * the other revision is built too (its own code, `revision-tree.ts`) and each
 * screenshot compared with pixelmatch; a cell with any changed pixel is flagged.
 */
export interface GridOptions {
  templates: string[];
  founders: string[];
  out: string;
  against?: string | undefined;
  onProgress?: (line: string) => void;
}

export interface ShotSet {
  /** Paths relative to the sheet. */
  after: string | null;
  before: string | null;
  diff_image: string | null;
  diff: PixelDiff | null;
}

export interface GridCell extends GridPair {
  bytes: SiteBytes | null;
  bytes_before: SiteBytes | null;
  build_ms: number;
  error: string | null;
  /** The template's lint findings for this founder (`templates lint`). */
  lint: Finding[];
  shots: Record<ViewportName, ShotSet>;
  changed: boolean;
}

export interface GridResult {
  out: string;
  sheet: string;
  cells: GridCell[];
  /** Lint findings over every cell: errors and warnings. */
  lint: { errors: number; warnings: number };
  against: { rev: string; commit: string } | null;
  timings_ms: Record<string, number>;
}

const VIEWPORT_NAMES: ViewportName[] = ['phone', 'desktop'];

export async function makeGrid(options: GridOptions): Promise<GridResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const progress = options.onProgress ?? (() => {});
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await fn();
    timings[name] = Math.round(performance.now() - t);
    progress(`${name}: ${timings[name]} ms`);
    return r;
  };
  const commit = options.against ? resolveRevision(options.against) : null;
  const pairs = options.templates.flatMap((template) =>
    options.founders.map((founder) => ({ template, founder })),
  );
  const out = options.out;
  mkdirSync(join(out, 'shots'), { recursive: true });

  const catalog = await loadCatalog();
  const linted = await step('lint and build', () =>
    lintAndBuild(options.templates, options.founders, join(out, 'sites', 'after'), progress),
  );
  const after = linted.builds;
  let before: CellBuild[] = [];
  if (commit) {
    const tree = extractRevision(commit);
    try {
      before = await step('build against', () =>
        buildRevisionCells(tree.dir, pairs, join(out, 'sites', 'before')),
      );
    } finally {
      tree.remove();
    }
  }

  const shotFile = (side: string, pair: GridPair, v: ViewportName) =>
    join(out, 'shots', `${pair.template}--${pair.founder}--${v}--${side}.png`);
  const requests: ShotRequest[] = [];
  for (const [side, builds] of [
    ['after', after],
    ['before', before],
  ] as const)
    for (const b of builds.filter((x) => x.ok))
      for (const v of VIEWPORT_NAMES)
        requests.push({ siteDir: b.dir, viewport: v, file: shotFile(side, b, v) });
  await step('screenshots', () => takeShots(requests));

  const rel = (file: string) => relative(out, file);
  const cells: GridCell[] = await step('compare', async () =>
    Promise.all(
      after.map(async (a) => {
        const b = before.find((x) => x.template === a.template && x.founder === a.founder) ?? null;
        const shots = Object.fromEntries(
          await Promise.all(
            VIEWPORT_NAMES.map(async (v) => {
              const afterFile = shotFile('after', a, v);
              const beforeFile = shotFile('before', a, v);
              const hasAfter = a.ok && existsSync(afterFile);
              const hasBefore = !!b?.ok && existsSync(beforeFile);
              let diff: PixelDiff | null = null;
              let diffImage: string | null = null;
              if (hasAfter && hasBefore) {
                diffImage = shotFile('diff', a, v);
                diff = await diffShots(beforeFile, afterFile, diffImage);
              }
              const set: ShotSet = {
                after: hasAfter ? rel(afterFile) : null,
                before: hasBefore ? rel(beforeFile) : null,
                diff_image: diffImage ? rel(diffImage) : null,
                diff,
              };
              return [v, set] as const;
            }),
          ),
        ) as Record<ViewportName, ShotSet>;
        const changed =
          !!commit &&
          (VIEWPORT_NAMES.some((v) => (shots[v].diff?.changed_pixels ?? 0) > 0) || a.ok !== (b?.ok ?? false));
        return {
          template: a.template,
          founder: a.founder,
          bytes: a.bytes,
          bytes_before: b?.bytes ?? null,
          build_ms: a.ms,
          error: a.error
            ? `${a.error.file ? `${a.error.file}:${a.error.line ?? '?'}: ` : ''}${a.error.message}`
            : null,
          lint: cellFindings(linted.findings, catalog, a),
          shots,
          changed,
        };
      }),
    ),
  );
  const against = commit ? { rev: options.against!, commit } : null;
  timings.total = Math.round(performance.now() - started);
  const sheet = join(out, 'index.html');
  writeFileSync(
    sheet,
    contactSheet({
      cells,
      against,
      generated_at: new Date().toISOString(),
      duration_ms: timings.total,
    }),
  );
  const result: GridResult = {
    out,
    sheet,
    cells,
    lint: {
      errors: cells.reduce((n, c) => n + c.lint.filter((f) => f.severity === 'error').length, 0),
      warnings: cells.reduce((n, c) => n + c.lint.filter((f) => f.severity === 'warning').length, 0),
    },
    against,
    timings_ms: timings,
  };
  writeFileSync(join(out, 'grid.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
