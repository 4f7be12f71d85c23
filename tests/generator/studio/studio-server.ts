import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import { createApp } from '../../../generator/server/app.ts';
import { loadLocalSecret } from '../../../generator/server/auth/local-secret.ts';
import { startServer } from '../../../generator/server/start-server.ts';
import { createStudio } from '../../../generator/studio/app.ts';

/**
 * The whole server (generator/server: its token verification, local
 * sign-in) with the studio mounted at /studio, over real HTTP on 127.0.0.1,
 * as `dreamseed serve` runs it, on the test's database and state folder.
 */
export interface ServedStudio {
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveStudio(db: Database, home: string): Promise<ServedStudio> {
  const config = loadConfig({ ...process.env, DREAMSEED_HOME: home });
  const app = createApp({
    db,
    config,
    auth: {
      jwksUrl: undefined,
      jwtSecret: undefined,
      issuer: undefined,
      serviceRoleKey: undefined,
      localSecret: loadLocalSecret(home),
    },
    studio: createStudio,
    log: () => {},
  });
  const server = await startServer(app, { port: 0 });
  const origin = server.url.replace(/\/$/, '');
  return { url: `${origin}/studio`, origin, close: () => server.close() };
}

/**
 * A browser's requests to the studio: signs in through the local sign-in form, keeps its cookies,
 * and posts forms same-origin (the Origin header) with the page's CSRF token.
 */
export async function signedIn(studio: ServedStudio, authUserId: string) {
  const cookies = new Map<string, string>();
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
  const signIn = await fetch(`${studio.url}/sign-in`, {
    method: 'POST',
    headers: { origin: studio.origin },
    body: new URLSearchParams({ founder: authUserId }),
    redirect: 'manual',
  });
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
  remember(signIn);
  const get = async (path: string) =>
    remember(await fetch(`${studio.url}${path}`, { headers: { cookie: header() }, redirect: 'manual' }));
  const csrfOf = async (path: string) => {
    const body = await (await get(path)).text();
    return /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  };
  const post = async (path: string, form: Record<string, string> | FormData, from = '/site') => {
    const body = form instanceof FormData ? form : new URLSearchParams(form);
    if (!body.has('_csrf')) body.set('_csrf', await csrfOf(from));
    return remember(
      await fetch(`${studio.url}${path}`, {
        method: 'POST',
        headers: { cookie: header(), origin: studio.origin },
        body,
        redirect: 'manual',
      }),
    );
  };
  return { get, post, csrfOf, cookies, token: () => cookies.get('ds_access')! };
}
