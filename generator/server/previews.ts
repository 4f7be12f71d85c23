import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../config.ts';
import { headersFor, parseHeadersFile } from '../deploy/headers-file.ts';
import { contentTypeOf, resolveRequestPath } from '../deploy/static-host.ts';
import { errors } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { requireCaller } from './founder-scope.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The URL path of a founder's preview on this server. */
export function previewPath(slug: string): string {
  return `/preview/${slug}/`;
}

/**
 * `/preview/<slug>/…`: a founder's latest build (`<sites>/<slug>/`, what `generate` and the
 * automatic builds write), served with the static host's rules (generator/deploy/static-host.ts:
 * the site's `_headers`, pretty URLs, its 404 page, no dot files). Only for the founder it belongs
 * to (cookie or Bearer) and the service role: a preview is unpublished work. Another founder's
 * slug answers 404, as a slug that does not exist.
 */
export function mountPreviews(app: OpenAPIHono<AppEnv>, config: Config): void {
  app.use('/preview/*', requireCaller());
  app.get('/preview/:slug{[^/]+}/*', (c) => serve(c.req.param('slug'), c.req.path, c.req.method, config, c));
  app.get('/preview/:slug{[^/]+}', (c) => c.redirect(`${previewPath(c.req.param('slug'))}`, 301));
}

function serve(
  slug: string,
  path: string,
  method: string,
  config: Config,
  c: import('hono').Context<AppEnv>,
): Response {
  const caller = c.get('caller');
  if (!SLUG.test(slug) || (caller.kind === 'founder' && caller.slug !== slug))
    throw errors.notFound('preview', slug, 'Open your own preview: /preview/<your slug>/');
  const root = join(config.sitesDir, slug);
  if (!isDir(root))
    throw errors.notFound('preview', slug, 'Build the site first: POST /api/website-generator');
  const inside = path.slice(`/preview/${slug}`.length) || '/';
  const found = resolveRequestPath(root, inside);
  if (found.kind === 'redirect') return c.redirect(`/preview/${slug}${found.location}`, 301);
  let file: string;
  let status = 200;
  if (found.kind === 'file') file = found.file;
  else {
    file = join(root, '404.html');
    status = 404;
    if (!isFile(file)) return c.text('Not found\n', 404);
  }
  const headers = new Headers();
  const rules = isFile(join(root, '_headers'))
    ? parseHeadersFile(readFileSync(join(root, '_headers'), 'utf8'))
    : [];
  for (const [name, value] of headersFor(rules, inside)) headers.set(name, value);
  if (!headers.has('cache-control')) headers.set('cache-control', 'private, no-cache');
  headers.set('content-type', contentTypeOf(file));
  const bytes = readFileSync(file);
  const body = file.endsWith('.html') ? Buffer.from(underPreview(bytes.toString('utf8'), slug)) : bytes;
  return new Response(method === 'HEAD' ? null : body, { status, headers });
}

/**
 * A built site links root-relative (`/about/`, `/_img/…`, `/favicon.png`): it is built to be served
 * at its own origin. Served under `/preview/<slug>/`, those links are rewritten to stay inside it
 * (href, src, action, poster and every srcset candidate; `//host` and absolute URLs are left alone).
 * Only the served copy changes, never the build.
 */
export function underPreview(html: string, slug: string): string {
  const base = `/preview/${slug}`;
  return html
    .replace(/(\s(?:href|src|action|poster)=")\/(?!\/)/g, `$1${base}/`)
    .replace(/(\ssrcset=")([^"]*)"/g, (_, head: string, list: string) => {
      const rewritten = list
        .split(',')
        .map((candidate) => candidate.replace(/^(\s*)\/(?!\/)/, `$1${base}/`))
        .join(',');
      return `${head}${rewritten}"`;
    });
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
