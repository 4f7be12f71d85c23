import { join } from 'node:path';
import type { ErrorLocation } from './error-location.ts';
import type { SiteBytes } from './site-bytes.ts';

/**
 * One build of a contact sheet's cell: a template for a demo founder (palette
 * option 0, offline writer). A build that fails is a cell with its error, not
 * the end of the sheet.
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
