import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Database, Queryable } from './database.ts';
import { acquireDirLock, type DirLock } from './lock.ts';

export interface PgliteOptions {
  /** Data directory; omitted → in memory. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (tests open migrated snapshots this way). */
  loadDataDir?: Blob;
  /** Load pgvector (default); false stands in for a server without it (db/optional-extensions.ts). */
  vector?: boolean;
}

/** Opens the embedded database, taking the directory lock first. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  let lock: DirLock | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = acquireDirLock(options.dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: options.vector === false ? {} : { vector },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // PGlite ignores `alter database … set search_path` when it reopens a data directory or snapshot;
  // set Supabase's path (extensions holds pgvector) for this session explicitly.
  await pglite.exec(`set search_path = "$user", public, extensions`);
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pglite);
  let closed = false;
  return {
    kind: 'pglite',
    description: options.dataDir ? `embedded PGlite at ${options.dataDir}` : 'embedded PGlite in memory',
    pglite,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
