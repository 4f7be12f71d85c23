import { join } from 'node:path';
import { type CatalogRoots, defaultRoots, loadCatalogFresh } from '../catalog/registry.ts';
import { paths } from '../paths.ts';
import { generateSite } from '../pipeline.ts';
import { type ErrorLocation, locateError } from './error-location.ts';

/**
 * One render of `templates dev`: the template built for a demo founder's DNA
 * with a palette option, from the catalogue as its files are now (read again
 * past every cache), with the offline writer. A failure is a result, with the
 * file and line to fix, never an exception: the server stays up.
 */
export interface DevSelection {
  template: string;
  founder: string;
  palette: number;
}

export type DevRenderResult =
  | {
      ok: true;
      ms: number;
      pages: string[];
      bytes: number;
      selection: DevSelection;
      /** Milliseconds per pipeline stage (load catalog, write sections, derive brand, build…). */
      stages: Record<string, number>;
    }
  | { ok: false; ms: number; error: ErrorLocation; selection: DevSelection };

export async function renderDev(
  selection: DevSelection,
  outDir: string,
  roots: CatalogRoots = defaultRoots,
): Promise<DevRenderResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const stages: Record<string, number> = {};
  try {
    const fresh = performance.now();
    const catalog = await loadCatalogFresh(roots);
    stages['read catalogue'] = Math.round(performance.now() - fresh);
    const summary = await generateSite({
      source: { kind: 'dna', file: join(paths.demo, selection.founder, 'dna.json') },
      template: selection.template,
      palette: selection.palette,
      outDir,
      writer: 'offline',
      catalog,
      onStage: (name, stageMs) => {
        stages[name] = stageMs;
      },
    });
    return { ok: true, ms: ms(), pages: summary.pages, bytes: summary.bytes, selection, stages };
  } catch (error) {
    return {
      ok: false,
      ms: ms(),
      error: locateError(error, [roots.templates, roots.sections, roots.themes]),
      selection,
    };
  }
}
