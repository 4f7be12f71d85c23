import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errors } from '../errors.ts';

/**
 * The pages of a built site, as site paths: every HTML file (`about/index.html`
 * → `/about/`, `404.html` stays `/404.html`), and the two pages Lighthouse
 * measures: home and one inner page (the first other page in the sitemap, so
 * the template's own page order decides).
 */
export interface SitePages {
  /** Every HTML file, relative to the site directory. */
  files: string[];
  /** Every HTML page as a site path. */
  paths: string[];
  home: string;
  inner: string | null;
}

export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

export function pathOfFile(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

export function sitePages(dir: string): SitePages {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw errors.usage(
      `${dir} is not a built site directory.`,
      'Build one first: dreamseed generate --demo bakery',
    );
  }
  const files = listFiles(dir).filter((f) => f.endsWith('.html'));
  if (!files.includes('index.html')) {
    throw errors.usage(
      `${dir} has no index.html: it is not a built site.`,
      'Point at the folder `dreamseed generate` printed.',
    );
  }
  const paths = files.map(pathOfFile);
  const sitemap = join(dir, 'sitemap.xml');
  const ordered = existsSync(sitemap)
    ? [...readFileSync(sitemap, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
    : [];
  const candidates = [...ordered, ...paths].filter(
    (p) => p !== '/' && p !== '/404.html' && paths.includes(p),
  );
  // Home first, then the sitemap's order, then anything else, the 404 page last.
  const rank = (p: string) =>
    p === '/' ? -1 : p === '/404.html' ? 1e9 : ordered.includes(p) ? ordered.indexOf(p) : 1e6;
  const order = files
    .map((file, i) => ({ file, path: paths[i]! }))
    .sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  return {
    files: order.map((o) => o.file),
    paths: order.map((o) => o.path),
    home: '/',
    inner: candidates[0] ?? null,
  };
}
