import { mkdirSync } from 'node:fs';
import { PGlite, type Results } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Database, Queryable } from './database.ts';
import { acquireDirLock, type DirLock } from './lock.ts';

export interface PgliteOptions {
  /** Data directory; omitted → in memory. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (tests open migrated snapshots this way). */
  loadDataDir?: Blob;
  /** The data directory's lock, already taken (embedded.ts waits for it); omitted → taken here, or DB_LOCKED. */
  lock?: DirLock;
  /** Load pgvector (default); false stands in for a server without it (db/optional-extensions.ts). */
  vector?: boolean;
}

/**
 * What the rest of this folder needs of PGlite: `query`, `exec` and
 * `transaction`, with PGlite's result shapes. A PGlite instance is one; so is a
 * client of a process that shares its PGlite (share-client.ts), which is how
 * the two give callers identical results.
 */
export interface SessionTx {
  query<T>(sql: string, params?: unknown[]): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export interface PgliteSession {
  query<T>(sql: string, params?: unknown[]): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  transaction<T>(fn: (tx: SessionTx) => Promise<T>): Promise<T>;
}

/**
 * PostgreSQL settings for the embedded database, passed at start (never written
 * to the data directory). PGlite's data directories come with initdb's
 * `shared_buffers = 128MB`. PGlite allocates PostgreSQL's shared memory with
 * Emscripten's `mmap`, which zeroes it with a WebAssembly `memset` at start:
 * about 3 ms of CPU per MB on a 2-core VM, before the first query of every
 * command. 8MB (about 15 MB of shared memory in all, against 145 MB at initdb's
 * setting) holds the working set of a build; the database is ~10 MB, mostly
 * the system catalogues, and a page not in the pool is a read from the OS's
 * file cache. Measurements in generator/db/README.md.
 */
export const PGLITE_SETTINGS = ['shared_buffers=8MB'];

/** The database interface over a PGlite session: `kind` 'pglite', results exactly as PGlite gives them. */
export function databaseOver(
  session: PgliteSession,
  meta: { description: string; close(): Promise<void> },
): Database {
  const wrap = (q: Pick<PgliteSession, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(session);
  let closing: Promise<void> | undefined;
  return {
    kind: 'pglite',
    description: meta.description,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => session.transaction((tx) => fn(wrap(tx))),
    close() {
      closing ??= meta.close();
      return closing;
    },
  };
}

/** Opens the embedded database in this process, taking the directory lock first (unless given). */
export async function openPglite(
  options: PgliteOptions = {},
): Promise<Database & { pglite: PGlite; session: PgliteSession }> {
  let lock: DirLock | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = options.lock ?? acquireDirLock(options.dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: options.vector === false ? {} : { vector },
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])],
    });
    // PGlite ignores `alter database … set search_path` when it reopens a data directory or snapshot;
    // set Supabase's path (extensions holds pgvector) for this session explicitly.
    await pglite.exec(`set search_path = "$user", public, extensions`);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const database = databaseOver(pglite, {
    description: options.dataDir ? `embedded PGlite at ${options.dataDir}` : 'embedded PGlite in memory',
    async close() {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  });
  return Object.assign(database, { pglite, session: pglite });
}
