import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';

/**
 * CSRF protection, two layers on every form post: Hono's origin check (the
 * `Origin` header, or `Sec-Fetch-Site: same-origin`, must be this server), and
 * a per-session token in a hidden `_csrf` field: an HMAC of the session's
 * access token, so it changes with each sign-in and cannot be read or guessed
 * by another site. The sign-in form (no session yet) has the origin check.
 */
export function csrfTokens(secret = randomBytes(32).toString('hex')) {
  const tokenFor = (session: string): string =>
    createHmac('sha256', secret).update(`studio-csrf:${session}`).digest('base64url');
  const valid = (session: string, given: unknown): boolean => {
    if (typeof given !== 'string' || !given) return false;
    const want = Buffer.from(tokenFor(session));
    const got = Buffer.from(given);
    return want.length === got.length && timingSafeEqual(want, got);
  };
  return { tokenFor, valid };
}

export const originCheck: MiddlewareHandler = csrf();

/** The `_csrf` field of a form post, read before the route's own parsing (Hono caches the body). */
export async function postedToken(c: Context): Promise<unknown> {
  const body = await c.req.parseBody({ all: true });
  return body._csrf;
}
