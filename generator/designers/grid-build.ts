import { join } from 'node:path';
import type { Catalog } from '../catalog/registry.ts';
import { paths } from '../paths.ts';
import { generateSite } from '../pipeline.ts';
import { type ErrorLocation, locateError } from './error-location.ts';
import { type SiteBytes, siteBytes } from './site-bytes.ts';

/**
 * The builds of a contact sheet: each template for each demo founder, once
 * (palette option 0, offline writer), into `<root>/<template>/<founder>/`. A
 * build that fails is a cell with its error, not the end of the sheet.
 */
export interface GridPair {
  template: string;
  founder: string;
}

export interface CellBuild extends GridPair {
  dir: string;
  ok: boolean;
  ms: number;
  bytes: SiteBytes | null;
  error: ErrorLocation | null;
}

export function cellDir(root: string, pair: GridPair): string {
  return join(root, pair.template, pair.founder);
}

export async function buildCells(pairs: GridPair[], root: string, catalog?: Catalog): Promise<CellBuild[]> {
  const out: CellBuild[] = [];
  for (const pair of pairs) {
    const dir = cellDir(root, pair);
    const started = performance.now();
    try {
      await generateSite({
        source: { kind: 'dna', file: join(paths.demo, pair.founder, 'dna.json') },
        template: pair.template,
        palette: 0,
        outDir: dir,
        writer: 'offline',
        catalog,
      });
      out.push({
        ...pair,
        dir,
        ok: true,
        ms: Math.round(performance.now() - started),
        bytes: siteBytes(dir),
        error: null,
      });
    } catch (error) {
      out.push({
        ...pair,
        dir,
        ok: false,
        ms: Math.round(performance.now() - started),
        bytes: null,
        error: locateError(error),
      });
    }
  }
  return out;
}
