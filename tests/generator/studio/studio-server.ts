import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import { studioApp } from '../../../generator/studio/app.ts';
import type { StudioDeps, StudioFounder } from '../../../generator/studio/deps.ts';

/**
 * The studio served over real HTTP on 127.0.0.1 for tests, mounted at
 * /studio as the server mounts it. Until the server's token verification is
 * wired in, tests sign in with a stand-in: the `ds_access` cookie holds
 * `test.<auth user id>`, issued by the local sign-in stand-in, and `founderOf`
 * looks that auth user up (tests only; never a production verifier).
 */
export interface ServedStudio {
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveStudio(db: Database, overrides: Partial<StudioDeps> = {}): Promise<ServedStudio> {
  const founderOf = async (c: Parameters<StudioDeps['founderOf']>[0]): Promise<StudioFounder | null> => {
    const token = getCookie(c, 'ds_access');
    const m = token ? /^test\.([0-9a-f-]{36})$/.exec(token) : null;
    if (!m) return null;
    const [row] = await db.query<{ id: string; slug: string }>(
      'select id::text as id, slug from public.users where auth_user_id = $1',
      [m[1]],
    );
    return row ? { userId: row.id, authUserId: m[1]!, slug: row.slug } : null;
  };
  const studio = studioApp({
    db,
    config: loadConfig(),
    founderOf,
    localSignIn: {
      founders: async () =>
        (
          await db.query<{ slug: string; business_name: string | null; auth_user_id: string }>(
            `select u.slug, t.business_name, u.auth_user_id::text as auth_user_id from public.users u
               left join public.dream_dna_truth t on t.user_id = u.id
              where u.auth_user_id is not null order by u.slug`,
          )
        ).map((r) => ({ slug: r.slug, businessName: r.business_name, authUserId: r.auth_user_id })),
      issueToken: async (authUserId) => `test.${authUserId}`,
    },
    ...overrides,
  });
  const app = new Hono();
  app.route('/studio', studio);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/studio`,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A signed-in browser's requests: cookies kept, same-origin form posts (with the Origin header). */
export function client(studio: ServedStudio, authUserId: string) {
  const cookies = new Map<string, string>([['ds_access', `test.${authUserId}`]]);
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const get = async (path: string) =>
    remember(await fetch(`${studio.url}${path}`, { headers: { cookie: header() }, redirect: 'manual' }));
  const csrfOf = async (path: string) => {
    const body = await (await get(path)).text();
    return /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  };
  const post = async (path: string, form: Record<string, string> | FormData, from = '/site') => {
    const body = form instanceof FormData ? form : new URLSearchParams(form);
    if (!(body instanceof FormData ? body.has('_csrf') : body.has('_csrf')))
      body.set('_csrf', await csrfOf(from));
    return remember(
      await fetch(`${studio.url}${path}`, {
        method: 'POST',
        headers: { cookie: header(), origin: studio.origin },
        body,
        redirect: 'manual',
      }),
    );
  };
  return { get, post, csrfOf, cookies };
}
