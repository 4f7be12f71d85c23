import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { isDreamseedError } from '../errors.ts';
import { csrfTokens, originCheck, postedToken } from './csrf.ts';
import { DEFAULT_COOKIE, type StudioDeps, type StudioEnv } from './deps.ts';
import { takeFlash } from './flash.ts';
import { type Flash, type Html, page } from './layout.ts';
import { registerFacts } from './page-facts.ts';
import { registerMedia } from './page-media.ts';
import { registerPalette } from './page-palette.ts';
import { registerPublishing } from './page-publishing.ts';
import { registerSection } from './page-section.ts';
import { registerSections } from './page-sections.ts';
import { registerSignIn } from './page-sign-in.ts';
import { registerSite } from './page-site.ts';
import { registerPreview } from './preview-files.ts';
import { STUDIO_CSS } from './styles.ts';

/**
 * The founders' studio as a Hono sub-app, mounted by the server at `base`
 * (`/studio`). Server-rendered HTML, plain forms, POST-redirect-GET: it works
 * without JavaScript. Every route but sign-in needs a founder (`founderOf`,
 * the server's token verification); every form post passes the origin check
 * and the session's CSRF token; every founder query runs under Row Level
 * Security as that founder (`asFounder`). The areas live one per file
 * (page-*.ts); this file wires them.
 */
export interface StudioContext {
  deps: StudioDeps;
  base: string;
  cookieName: string;
  /** Renders a page of an area for the signed-in founder (flash taken from the cookie). */
  render(
    c: Context<StudioEnv>,
    title: string,
    area: string,
    body: Html,
    status?: 200 | 404 | 422,
  ): Promise<Response>;
}

const STYLE_HASH = createHash('sha256').update(STUDIO_CSS).digest('base64');
export const STUDIO_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function studioApp(deps: StudioDeps): Hono<StudioEnv> {
  const base = (deps.base ?? '/studio').replace(/\/$/, '');
  const cookieName = deps.cookieName ?? DEFAULT_COOKIE;
  const tokens = csrfTokens(deps.csrfSecret);
  const app = new Hono<StudioEnv>();

  const ctx: StudioContext = {
    deps,
    base,
    cookieName,
    async render(c, title, area, body, status = 200) {
      const founder = c.get('founder');
      const flash: Flash | null = takeFlash(c, base);
      return c.html(
        page({ title, base, area, slug: founder.slug, csrf: c.get('csrf'), flash, body }),
        status,
      );
    },
  };

  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy'))
      c.res.headers.set('content-security-policy', STUDIO_CSP);
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('referrer-policy', 'same-origin');
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });
  app.use('*', originCheck);

  registerSignIn(app, ctx);

  app.use('*', async (c, next) => {
    const founder = await deps.founderOf(c);
    if (!founder) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        if (deps.localSignIn) return c.redirect(`${base}/sign-in`, 303);
        return c.html(signInNeeded(base), 401);
      }
      return c.html(signInNeeded(base), 401);
    }
    const session = getCookie(c, cookieName) ?? c.req.header('authorization') ?? founder.authUserId;
    c.set('founder', founder);
    c.set('csrf', tokens.tokenFor(session));
    if (c.req.method === 'POST' && !tokens.valid(session, await postedToken(c))) {
      return c.html(
        page({
          title: 'Form expired',
          base,
          slug: founder.slug,
          csrf: c.get('csrf'),
          body: html`<h1>The form has expired</h1><p>The form was not sent from this studio session (its security token did not match). Go back, reload the page and try again.</p>`,
        }),
        403,
      );
    }
    await next();
  });

  app.get('/', (c) => c.redirect(`${base}/site`, 303));
  registerPreview(app, ctx);
  registerSite(app, ctx);
  registerSections(app, ctx);
  registerSection(app, ctx);
  registerFacts(app, ctx);
  registerMedia(app, ctx);
  registerPalette(app, ctx);
  registerPublishing(app, ctx);

  app.notFound((c) => c.html(errorPage(base, 'Not found', 'There is no such page in the studio.'), 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 403)
      return c.html(
        errorPage(base, 'Refused', 'The form was not sent from this studio, so it was refused.'),
        403,
      );
    if (error instanceof HTTPException) return error.getResponse();
    if (isDreamseedError(error) && error.httpStatus < 500) {
      const status = error.code === 'NOT_FOUND' ? 404 : 400;
      return c.html(
        errorPage(base, status === 404 ? 'Not found' : 'Cannot do that', error.message, error.hint),
        status,
      );
    }
    console.error(`studio: ${c.req.method} ${c.req.path}: ${(error as Error).stack ?? error}`);
    return c.html(
      errorPage(
        base,
        'Something went wrong',
        'The studio could not do that. Try again; if it keeps happening, tell us.',
      ),
      500,
    );
  });
  return app;
}

function signInNeeded(base: string): Html {
  return page({
    title: 'Sign in',
    base,
    body: html`<h1>Please sign in</h1><p>The studio needs you to be signed in with your DreamSeed account. Sign in on the DreamSeed platform and open the studio again.</p>`,
  });
}

function errorPage(base: string, title: string, message: string, hint?: string): Html {
  return page({
    title,
    base,
    body: html`<h1>${title}</h1><p>${message}</p>${hint ? html`<p>${hint}</p>` : ''}<p><a href="${base}/site">Back to the studio</a></p>`,
  });
}

export { createStudio } from './create-studio.ts';
