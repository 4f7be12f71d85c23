import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A built site's byte sizes: the home page's HTML, its CSS files, and every file. */
export interface SiteBytes {
  home_html: number;
  css: number;
  total: number;
  files: number;
}

export function siteBytes(dir: string): SiteBytes {
  const out: SiteBytes = { home_html: 0, css: 0, total: 0, files: 0 };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const size = statSync(p).size;
        out.total += size;
        out.files++;
        if (e.name.endsWith('.css')) out.css += size;
      }
    }
  };
  walk(dir);
  try {
    out.home_html = statSync(join(dir, 'index.html')).size;
  } catch {
    out.home_html = 0;
  }
  return out;
}
