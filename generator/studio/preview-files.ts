import { readFileSync, realpathSync } from 'node:fs';
import type { Context, Hono } from 'hono';
import { asFounder } from '../db/roles.ts';
import { findWebsite, type Website } from '../deploy/deployments.ts';
import { contentTypeOf, resolveRequestPath } from '../deploy/static-host.ts';
import { deployTargets, driverFor, siteOn } from '../deploy/targets.ts';
import type { StudioContext } from './app.ts';
import type { StudioEnv } from './deps.ts';

/**
 * The founder's own site inside the studio, for the preview frames:
 * `preview/…` serves their latest build (private until published: only they
 * see it), `live/…` what is live on a target that serves from a folder here
 * (the local target). Built sites link from the root (`/about/`,
 * `/_assets/…`), so HTML and CSS are served with those links moved under the
 * prefix. The site's own `_headers` (made for its real host) are not applied;
 * a strict policy is: no scripts, framable only by the studio.
 */
export const PREVIEW_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export function registerPreview(app: Hono<StudioEnv>, ctx: StudioContext): void {
  const serve = (kind: 'preview' | 'live') => async (c: Context<StudioEnv>) => {
    const founder = c.get('founder');
    const website = await asFounder(ctx.deps.db, founder.authUserId, (tx) => findWebsite(tx, founder.userId));
    const root = kind === 'preview' ? website.buildDir : liveDirectory(ctx, website);
    const prefix = `${ctx.base}/${kind}`;
    const rest = c.req.path.slice(prefix.length) || '/';
    if (!root) return c.text(kind === 'preview' ? 'Not built yet.' : 'Nothing is live yet.', 404);
    const found = resolveRequestPath(root, rest);
    if (found.kind === 'redirect') return c.redirect(`${prefix}${found.location}`, 301);
    if (found.kind === 'missing') return c.text('Not found in the site.', 404);
    const type = contentTypeOf(found.file);
    let body: Buffer | string = readFileSync(found.file);
    if (/^text\/(html|css)/.test(type)) body = underPrefix(body.toString('utf8'), prefix);
    return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
      'content-type': type,
      'content-security-policy': PREVIEW_CSP,
      'x-frame-options': 'SAMEORIGIN',
      'cache-control': 'no-store',
    });
  };
  app.get('/preview', (c) => c.redirect(`${ctx.base}/preview/`, 301));
  app.get('/live', (c) => c.redirect(`${ctx.base}/live/`, 301));
  app.get('/preview/*', serve('preview'));
  app.get('/live/*', serve('live'));
}

/** The folder of what is live for the site on a local-folder target, if anything is. */
export function liveDirectory(ctx: StudioContext, website: Website): string | null {
  for (const target of deployTargets()) {
    const driver = driverFor(target.name, ctx.deps.config);
    if (!driver.liveDirectory) continue;
    const dir = driver.liveDirectory(siteOn(target.name, website));
    if (dir) return realpathSync(dir);
  }
  return null;
}

/** Root-relative links (`href="/x"`, `src`, `srcset`, CSS `url(/x)`) moved under `prefix`. */
export function underPrefix(text: string, prefix: string): string {
  return text
    .replace(/\b(href|src|action|poster)=(["'])\/(?!\/)/g, (_m, attr, q) => `${attr}=${q}${prefix}/`)
    .replace(/\b(srcset|imagesrcset)=(["'])([^"']*)\2/g, (_m, attr, q, list: string) => {
      const moved = list.replace(/(^|,\s*)\/(?!\/)/g, (_x, sep) => `${sep}${prefix}/`);
      return `${attr}=${q}${moved}${q}`;
    })
    .replace(/url\((["']?)\/(?!\/)/g, (_m, q) => `url(${q}${prefix}/`);
}
