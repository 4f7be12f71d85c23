import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { errors } from '../errors.ts';
import { copyVariants, whileWaiting } from '../media/variants.ts';
import type { PageRenderer } from '../site/astro/render-pages.ts';
import type { SiteSpec } from '../site/spec.ts';
import type { Brand } from './derive-brand.ts';

/**
 * Renders a site spec with Astro into `outDir` (site/astro/render-pages.ts), then adds what every site needs
 * beyond its pages: images, favicon, sitemap.xml, robots.txt and a `_headers`
 * file with security headers (a CSP that allows exactly the inline styles the
 * pages carry, by hash, and no script). The build happens in a sibling folder
 * and replaces `outDir` only when complete, so a failed build never damages the
 * previous one. Builds in one process run one at a time.
 */
let queue: Promise<unknown> = Promise.resolve();

export interface BuildResult {
  outDir: string;
  pages: string[];
  files: number;
  bytes: number;
  hash: string;
}

export interface BuildOptions {
  /** Where the section components are (default: the repository's sections/; `templates lint` builds copies). */
  sectionsDir?: string | undefined;
  /**
   * Who renders the pages: a renderer in another process (the images take every core while it renders),
   * or by default Astro in this process, loaded on the first build.
   */
  renderer?: PageRenderer | undefined;
}

export function buildSite(
  spec: SiteSpec,
  brand: Brand,
  outDir: string,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const run = queue.then(() => buildNow(spec, brand, outDir, options));
  queue = run.catch(() => undefined);
  return run;
}

async function buildNow(
  spec: SiteSpec,
  brand: Brand,
  outDir: string,
  options: BuildOptions,
): Promise<BuildResult> {
  const renderer =
    options.renderer ??
    (await import('../site/astro/render-pages.ts')).inProcessRenderer(options.sectionsDir);
  // A renderer given is another process's (`dreamseed generate`): this one waits for its pages and encodes
  // the images meanwhile, on every core.
  const work = await (options.renderer ? whileWaiting(() => renderer.render(spec)) : renderer.render(spec));
  const staging = `${outDir}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(staging), { recursive: true });
  await rename(work, staging).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EXDEV') throw error;
    await cp(work, staging, { recursive: true });
    await rm(work, { recursive: true, force: true });
  });
  try {
    return await complete(spec, brand, outDir, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Adds images, icons and the files every site has to the rendered pages, then puts the site in place. */
async function complete(spec: SiteSpec, brand: Brand, outDir: string, staging: string): Promise<BuildResult> {
  // The image files were encoding while the pages rendered; one that failed to encode fails the build here.
  await copyVariants(brand.variantSets, staging);
  for (const f of (await brand.favicon.ready).files) await writeFile(join(staging, f.name), f.data);
  const files = await listFiles(staging);
  const html = files.filter((f) => f.endsWith('.html'));
  const scripts = files.filter((f) => f.endsWith('.js') || f.endsWith('.mjs'));
  if (scripts.length) {
    throw errors.invalidInput(
      'The built site',
      scripts.map((s) => `${s} is JavaScript`),
      'Sites ship no JavaScript: remove the script from the section or layout.',
    );
  }
  const styleHashes = new Set<string>();
  for (const file of html) {
    const text = await readFile(join(staging, file), 'utf8');
    for (const m of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
      styleHashes.add(`'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    }
  }
  await writeFile(join(staging, '_headers'), headersFile([...styleHashes].sort()));
  await writeFile(
    join(staging, 'robots.txt'),
    `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', spec.site.url)}\n`,
  );
  await writeFile(join(staging, 'sitemap.xml'), sitemap(spec));

  const hash = createHash('sha256');
  let bytes = 0;
  for (const file of (await listFiles(staging)).sort()) {
    const data = await readFile(join(staging, file));
    bytes += data.length;
    hash.update(file).update('\0').update(data);
  }
  // Marks the folder as a build, which the next build may replace whole (dot files are not deployed).
  await writeFile(
    join(staging, BUILD_MARKER),
    `${JSON.stringify({ generator: 'dreamseed-sites', slug: spec.site.slug })}\n`,
  );
  const previous = `${outDir}.previous-${process.pid}`;
  if (existsSync(outDir)) await rename(outDir, previous);
  await rename(staging, outDir).catch(async (error: unknown) => {
    if (existsSync(previous)) await rename(previous, outDir); // the previous build stays live
    throw error;
  });
  await rm(previous, { recursive: true, force: true });
  return {
    outDir,
    pages: spec.pages.map((p) => p.path),
    files: files.length + 3,
    bytes,
    hash: hash.digest('hex').slice(0, 16),
  };
}

/** The file a build leaves in its folder; a folder without it is not replaced by a build. */
export const BUILD_MARKER = '.dreamseed-build.json';

/**
 * A build replaces its whole output folder. An explicit `--out` may therefore
 * name only a new or empty folder, or one a previous build wrote: never a file,
 * never a folder holding anything else (it would be deleted).
 */
export function assertReplaceableOutDir(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    throw errors.usage(
      `--out ${outDir} is a file, not a folder.`,
      'Choose a new or empty folder for the site (it is created if missing).',
    );
  }
  const entries = readdirSync(outDir);
  if (entries.length === 0 || entries.includes(BUILD_MARKER)) return;
  const shown =
    entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '');
  throw errors.usage(
    `--out ${outDir} already holds files that no DreamSeed build wrote (${shown}); a build replaces the whole folder, so they would be lost.`,
    'Choose a new or empty folder, or a folder a previous `dreamseed generate` wrote.',
  );
}

export function headersFile(styleHashes: string[]): string {
  const csp = [
    "default-src 'none'",
    "img-src 'self' data:",
    `style-src ${styleHashes.length ? styleHashes.join(' ') : "'none'"}`,
    "script-src 'none'",
    // Same-origin fetches by tools such as Lighthouse (robots.txt) run under the page's CSP; no script can run.
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
  return `/*
  Content-Security-Policy: ${csp}
  Strict-Transport-Security: max-age=63072000; includeSubDomains; preload
  X-Content-Type-Options: nosniff
  X-Frame-Options: DENY
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()
  Cross-Origin-Opener-Policy: same-origin

/_img/*
  Cache-Control: public, max-age=31536000, immutable
`;
}

function sitemap(spec: SiteSpec): string {
  const urls = spec.pages
    .map((p) => `  <url><loc>${new URL(p.path.replace(/^\//, ''), spec.site.url).toString()}</loc></url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}
