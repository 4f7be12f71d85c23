import { join, resolve } from 'node:path';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { stateDir } from '../paths.ts';

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' }
  | { kind: 'postgres'; url: string };

/**
 * `DREAMSEED_DB` selects the database: unset → embedded PGlite at `.dreamseed/db`;
 * `memory:` → a throwaway in-memory PGlite; a filesystem path → PGlite there;
 * a `postgres://` / `postgresql://` URL → that server.
 */
export function resolveDatabaseTarget(
  value: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseTarget {
  const v = value?.trim();
  if (!v) return { kind: 'pglite', dataDir: join(stateDir(env), 'db') };
  if (v === 'memory:') return { kind: 'pglite-memory' };
  if (/^postgres(ql)?:\/\//i.test(v)) return { kind: 'postgres', url: v };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    throw errors.usage(
      `DREAMSEED_DB="${redactUrl(v)}" is not a database this tool can open.`,
      'Use a postgres:// URL, a directory path for the embedded database, or leave DREAMSEED_DB unset.',
    );
  }
  return { kind: 'pglite', dataDir: resolve(v) };
}

/** A URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:***@');
  }
}

export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'pglite':
      return `embedded PGlite at ${target.dataDir}`;
    case 'pglite-memory':
      return 'embedded PGlite in memory';
    case 'postgres':
      return `PostgreSQL at ${redactUrl(target.url)}`;
  }
}

/** `DREAMSEED_DB_WAIT`: seconds a command waits for another process to finish with the embedded database. */
export const dbWaitSchema = z.coerce
  .number({ error: 'must be a number of seconds, e.g. 600' })
  .min(0, 'must be 0 (do not wait) or more seconds')
  .max(86_400, 'must be at most 86400 seconds (a day)')
  .default(600);

export function dbWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = dbWaitSchema.safeParse(env.DREAMSEED_DB_WAIT?.trim() || undefined);
  if (!parsed.success) {
    throw errors.usage(
      `DREAMSEED_DB_WAIT="${env.DREAMSEED_DB_WAIT}" ${parsed.error.issues[0]?.message ?? 'is not valid'}.`,
      'Set it to how many seconds a command may wait for the embedded database, or unset it (600).',
    );
  }
  return parsed.data * 1000;
}
