import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';

/** The studio's access-token cookie: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export const ACCESS_COOKIE = 'ds_access';

/** Whether the request reached us over HTTPS (directly, or through a proxy that says so). */
export function overHttps(c: Context): boolean {
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  return proto === 'https' || new URL(c.req.url).protocol === 'https:';
}

/** Sets the access-token cookie for `maxAgeSeconds` (the token's own lifetime). */
export function setAccessCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, ACCESS_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: overHttps(c),
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  });
}

export function clearAccessCookie(c: Context): void {
  deleteCookie(c, ACCESS_COOKIE, { path: '/', secure: overHttps(c) });
}
