import { describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { scratchFolders } from '../../helpers/scratch.ts';
import { useBakeryStudio } from './bakery-studio.ts';
import { type ServedStudio, signedIn } from './studio-server.ts';

/**
 * Signing in to the studio through real HTTP: the local sign-in page, the
 * access cookie (HttpOnly, SameSite, Secure behind HTTPS), a tampered token,
 * signing out.
 */
const home = scratchFolders()('dreamseed-studio-');
let db: Database;
let studio: ServedStudio;
let bakery: { id: string; auth: string };
let yoga: { id: string; auth: string };

useBakeryStudio(home, (made) => ({ db, studio, bakery, yoga } = made));

describe('signing in', () => {
  it('sends a visitor without a session to the local sign-in, marked local only, listing the seeded founders', async () => {
    const res = await fetch(`${studio.url}/site`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/studio/sign-in');
    const page = await (await fetch(`${studio.url}/sign-in`)).text();
    expect(page).toMatch(/local only/i);
    expect(page).toContain(`value="${bakery.auth}"`);
    expect(page).toContain('bakery');
  });

  it('sets an HttpOnly, SameSite access cookie and opens the site; a wrong founder is refused', async () => {
    const res = await fetch(`${studio.url}/sign-in`, {
      method: 'POST',
      headers: { origin: studio.origin },
      body: new URLSearchParams({ founder: bakery.auth }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ds_access='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const bad = await fetch(`${studio.url}/sign-in`, {
      method: 'POST',
      headers: { origin: studio.origin },
      body: new URLSearchParams({ founder: '00000000-0000-4000-8000-000000000000' }),
      redirect: 'manual',
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/choose one of the founders/i);
  });

  it('marks the cookie Secure when served over HTTPS (behind a proxy that says so)', async () => {
    const res = await fetch(`${studio.url}/sign-in`, {
      method: 'POST',
      headers: { origin: studio.origin, 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ founder: bakery.auth }),
      redirect: 'manual',
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('ds_access='))).toMatch(/Secure/);
  });

  it('treats a tampered token as no session, and signs out by clearing the cookie', async () => {
    const me = await signedIn(studio, bakery.auth);
    const [head, body] = me.token().split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: yoga.auth })).toString('base64url')}.${me.token().split('.')[2]}`;
    const res = await fetch(`${studio.url}/site`, {
      headers: { cookie: `ds_access=${forged}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/studio/sign-in');
    const out = await me.post('/sign-out', {}, '/site');
    expect(out.status).toBe(303);
    expect(me.cookies.has('ds_access')).toBe(false);
    expect((await me.get('/site')).status).toBe(303);
  });
});
