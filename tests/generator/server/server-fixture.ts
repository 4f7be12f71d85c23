import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import { type AppDeps, createApp } from '../../../generator/server/app.ts';
import type { AuthSettings } from '../../../generator/server/auth/auth-settings.ts';
import { issueLocalToken } from '../../../generator/server/auth/issue-local-token.ts';
import { loadLocalSecret } from '../../../generator/server/auth/local-secret.ts';
import { type RunningServer, startServer } from '../../../generator/server/start-server.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/** A real server on a loopback port over a seeded PGlite, with its own state folder. */
export interface TestServer {
  db: Database;
  url: string;
  home: string;
  server: RunningServer;
  log: string[];
  founders: { id: string; slug: string; auth_user_id: string }[];
  /** A local token for a seeded founder (by slug). */
  tokenFor(slug: string, seconds?: number): Promise<string>;
  fetch(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    auth?: (home: string) => AuthSettings;
    app?: Partial<AppDeps>;
    env?: Record<string, string>;
  } = {},
): Promise<TestServer> {
  const db = await openTestDatabase();
  const home = mkdtempSync(join(tmpdir(), 'dreamseed-server-'));
  // The pipeline reads the environment itself (loadConfig()): this process's state folder is the server's.
  const saved = { ...process.env };
  Object.assign(process.env, { DREAMSEED_HOME: home, ...options.env });
  const config = loadConfig();
  const log: string[] = [];
  const auth: AuthSettings = options.auth?.(home) ?? {
    jwksUrl: undefined,
    jwtSecret: undefined,
    issuer: undefined,
    serviceRoleKey: 'service-role-key-for-tests-0123456789',
    localSecret: loadLocalSecret(home),
  };
  const app = createApp({ db, config, auth, log: (l) => log.push(l), ...options.app });
  const server = await startServer(app, { port: 0 });
  const founders = await db.query<{ id: string; slug: string; auth_user_id: string }>(
    'select id, slug, auth_user_id from public.users where auth_user_id is not null order by slug',
  );
  return {
    db,
    url: server.url,
    home,
    server,
    log,
    founders,
    tokenFor: (slug, seconds) => {
      const f = founders.find((x) => x.slug === slug);
      if (!f) throw new Error(`no seeded founder ${slug}`);
      return issueLocalToken(f.auth_user_id, { stateDir: home, seconds });
    },
    fetch: (path, init = {}) => {
      const { token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return fetch(new URL(path, server.url), { ...rest, headers });
    },
    close: async () => {
      await server.close();
      await db.close();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    },
  };
}
