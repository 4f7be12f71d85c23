import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { errors } from '../errors.ts';
import type { Database } from './database.ts';
import { type DirLock, describeHolder, type LockHolder, tryAcquireDirLock } from './lock.ts';
import { databaseOver, openPglite, type PgliteSession } from './pglite.ts';
import { connectShared } from './share-client.ts';
import { type CloseOptions, type ShareServer, serveDatabase, socketPathFor } from './share-server.ts';
import { dbWaitMs } from './target.ts';

/**
 * Opening the embedded database when other processes may be using it
 * (generator/db/README.md has the whole design):
 * - a process that holds it and shares it (a worker, `serve`): connect to it;
 * - nobody holds it (or a dead process left its lock): open it here, as before;
 * - a process holds it without sharing (another short command): wait for it,
 *   with a progress line every few seconds, looking for a sharer each time;
 *   after `waitMs`, DB_LOCKED.
 */
export interface EmbeddedOpenOptions {
  /**
   * Share the database with other local processes while this one holds it
   * (long-running commands: the worker, `serve`). Ignored when this process
   * ends up a client of another holder.
   */
  serve?: boolean;
  /** How long to wait for a holder that does not share (default DREAMSEED_DB_WAIT, else 600 s). */
  waitMs?: number;
  /** Progress while waiting (for the holder here, for our clients on close); default: a line on stderr. */
  onWait?: (line: string) => void;
  /** A shared client's transaction idle this long is rolled back (default 60 s). */
  txIdleMs?: number;
  /** On close, how long clients may go on before they are cut off (default 10 s). */
  closeGraceMs?: number;
}

/** What `openEmbedded` returns: the Database, and how this process has it. */
export type EmbeddedDatabase = Database & {
  /** The PGlite-shaped session underneath (PGlite itself when this process holds it). */
  readonly session: PgliteSession;
  /** Set when this process holds the database: its PGlite. */
  readonly pglite?: PGlite;
  /** Set when this process shares the database: where, and who is connected. */
  readonly sharing?: Pick<ShareServer, 'socketPath' | 'clients'>;
  /** Set when this process is a client: the holder. */
  readonly sharedBy?: { pid: number; command: string };
};

/** The embedded side of a database `openDatabase()` gave: undefined for a PostgreSQL server. */
export function embeddedPartsOf(db: Database): Omit<EmbeddedDatabase, keyof Database> | undefined {
  return 'session' in db ? (db as EmbeddedDatabase) : undefined;
}

const POLL_MS = 200;
const LINE_EVERY_MS = 5_000;

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

export async function openEmbedded(
  dataDir: string,
  options: EmbeddedOpenOptions = {},
): Promise<EmbeddedDatabase> {
  const turn = await waitForTurn(dataDir, options, (holder) => connectTo(holder, dataDir));
  return 'lock' in turn ? hold(dataDir, turn.lock, options) : turn.shared;
}

/**
 * The lock alone, for work on the data directory itself (`db reset` deletes it):
 * waits for a holder that does not share, like any command; a holder that
 * shares (a worker) runs for hours, so it must be stopped first: DB_LOCKED at once.
 */
export async function lockForMaintenance(
  dataDir: string,
  options: Pick<EmbeddedOpenOptions, 'waitMs' | 'onWait'> = {},
): Promise<DirLock> {
  const turn = await waitForTurn(dataDir, options, async (holder, lockPath) => {
    throw errors.dbLocked(
      dataDir,
      `${describeHolder(holder, lockPath)}, which shares it; stop that process first`,
    );
  });
  return 'lock' in turn ? turn.lock : (turn.shared satisfies never);
}

/** Loops until the lock is ours or `sharer` makes use of a holder that shares the database. */
async function waitForTurn<T>(
  dataDir: string,
  options: Pick<EmbeddedOpenOptions, 'waitMs' | 'onWait'>,
  sharer: (holder: LockHolder, lockPath: string) => Promise<T | undefined>,
): Promise<{ lock: DirLock } | { shared: T }> {
  mkdirSync(dirname(dataDir), { recursive: true });
  const waitMs = options.waitMs ?? dbWaitMs();
  const onWait = options.onWait ?? stderrLine;
  const started = Date.now();
  let nextLine = started;
  for (;;) {
    const attempt = tryAcquireDirLock(dataDir);
    if (attempt.lock) return { lock: attempt.lock };
    const { holder, lockPath } = attempt;
    if (holder?.socket && holder.host === hostname()) {
      const shared = await sharer(holder, lockPath);
      if (shared !== undefined) return { shared };
    }
    if (holder?.pid === process.pid && holder.host === hostname()) {
      // Waiting for ourselves would never end.
      throw errors.dbLocked(
        dataDir,
        `this process itself (${describeHolder(holder, lockPath)}), which opened it already`,
      );
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw errors.dbLocked(dataDir, describeHolder(holder, lockPath), waited);
    if (Date.now() >= nextLine) {
      onWait(`waiting for ${shortName(holder)} to finish with the database at ${dataDir}…`);
      nextLine = Date.now() + LINE_EVERY_MS;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, waitMs - waited))));
  }
}

function shortName(holder: LockHolder | undefined): string {
  if (!holder) return 'another process';
  return `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`} (${holder.command})`;
}

async function connectTo(holder: LockHolder, dataDir: string): Promise<EmbeddedDatabase | undefined> {
  const session = await connectShared(holder.socket!, dataDir);
  if (!session) return undefined;
  const database = databaseOver(session, {
    description: `embedded PGlite at ${dataDir}, shared by process ${session.holder.pid} (${session.holder.command})`,
    close: () => session.close(),
  });
  return Object.assign(database, {
    session,
    serialised: true,
    sharedBy: { pid: session.holder.pid, command: session.holder.command },
  });
}

async function hold(dataDir: string, lock: DirLock, options: EmbeddedOpenOptions): Promise<EmbeddedDatabase> {
  const database = await openPglite({ dataDir, lock });
  const { pglite } = database;
  if (!options.serve) return database;
  let server: ShareServer;
  try {
    server = await serveDatabase(pglite, {
      socketPath: socketPathFor(dataDir),
      ...(options.txIdleMs === undefined ? {} : { txIdleMs: options.txIdleMs }),
    });
    lock.advertise(server.socketPath);
  } catch (error) {
    await database.close();
    throw error;
  }
  const closeOptions: CloseOptions = {
    ...(options.closeGraceMs === undefined ? {} : { graceMs: options.closeGraceMs }),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  };
  const shared = databaseOver(pglite, {
    description: database.description,
    async close() {
      try {
        lock.advertise(undefined); // newcomers wait for the lock instead of connecting
        await server.close(closeOptions);
      } finally {
        await database.close(); // closes PGlite, then releases the lock
      }
    },
  });
  return Object.assign(shared, {
    session: pglite,
    pglite,
    serialised: true,
    sharing: { socketPath: server.socketPath, clients: () => server.clients() },
  });
}
