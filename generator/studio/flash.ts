import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Flash } from './layout.ts';

/**
 * The notice a POST leaves for the page it redirects to (POST-redirect-GET):
 * a short-lived HttpOnly cookie, read once. Shown as text (escaped), so its
 * content cannot inject markup.
 */
const COOKIE = 'ds_flash';

export function setFlash(c: Context, base: string, flash: Flash): void {
  const value = Buffer.from(JSON.stringify(flash)).toString('base64url');
  setCookie(c, COOKIE, value.slice(0, 3500), {
    path: base,
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: 60,
  });
}

export function takeFlash(c: Context, base: string): Flash | null {
  const value = getCookie(c, COOKIE);
  if (!value) return null;
  deleteCookie(c, COOKIE, { path: base, secure: isHttps(c) });
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Flash;
    if (typeof parsed?.text !== 'string' || !['ok', 'error', 'warn'].includes(parsed.kind)) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Served over HTTPS (directly, or behind a proxy that says so): cookies are then `Secure`. */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
