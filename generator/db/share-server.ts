import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { errors } from '../errors.ts';
import { commandLabel } from './lock.ts';
import {
  encodeFrame,
  frameReader,
  PROTOCOL_VERSION,
  type Reply,
  type Request,
  toWireError,
} from './share-wire.ts';

/**
 * The holder's side of sharing the embedded database: other local processes
 * send query / exec / begin … commit requests over a unix socket, and each is
 * run on the holder's PGlite through its own JS API. A client's transaction is
 * one `pglite.transaction()` held open in the holder while that client's
 * statements arrive, so PGlite's transaction mutex serialises every client and
 * the holder's own queries at transaction granularity: nobody's statement can
 * land inside somebody else's transaction. A transaction left idle too long,
 * or whose client disconnects, is rolled back.
 */
export interface ShareServerOptions {
  socketPath: string;
  /** A client's open transaction with no statement for this long is rolled back (default 60 s). */
  txIdleMs?: number;
}

export interface CloseOptions {
  /** How long connected clients may go on before they are cut off (default 10 s). */
  graceMs?: number;
  /** Progress while waiting for them ("waiting for …"); default: a line on stderr. */
  onWait?: (line: string) => void;
}

export interface ShareServer {
  readonly socketPath: string;
  /** The processes connected now: pid and command. */
  clients(): { pid: number; command: string }[];
  /** Stops accepting, lets connected clients finish (bounded), rolls back what is left. PGlite stays open. */
  close(options?: CloseOptions): Promise<void>;
}

/** Where the holder of `dataDir` serves it: beside it, or (path too long for a socket) in a private temp folder. */
export function socketPathFor(dataDir: string): string {
  const beside = `${dataDir.replace(/[/\\]+$/, '')}.sock`;
  // sun_path holds 108 bytes with its NUL on Linux (104 on macOS).
  if (Buffer.byteLength(beside) <= 100) return beside;
  const dir = join(tmpdir(), `dreamseed-${userInfo().uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== userInfo().uid || (stat.mode & 0o077) !== 0) {
    throw errors.usage(
      `${dir} is not a private folder of this user, so the embedded database cannot be shared through it.`,
      `Remove ${dir}, or move DREAMSEED_HOME to a shorter path.`,
    );
  }
  return join(dir, `${createHash('sha256').update(dataDir).digest('hex').slice(0, 20)}.sock`);
}

interface OpenTx {
  tx: Transaction;
  finish(how: 'commit' | 'rollback'): void;
  done: Promise<void>;
  timer?: NodeJS.Timeout | undefined;
  /** Why it was rolled back behind its client's back (idle too long). */
  expired?: Error | undefined;
}

interface Connection {
  socket: Socket;
  pid: number;
  command: string;
  txs: Map<number, OpenTx>;
  closed: boolean;
}

export async function serveDatabase(pglite: PGlite, options: ShareServerOptions): Promise<ShareServer> {
  const txIdleMs = options.txIdleMs ?? 60_000;
  const connections = new Set<Connection>();
  const inFlight = new Set<Promise<unknown>>();
  let nextTx = 1;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    const forget = () => inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  };

  const endConnection = (conn: Connection) => {
    if (conn.closed) return;
    conn.closed = true;
    connections.delete(conn);
    for (const open of conn.txs.values()) {
      clearTimeout(open.timer);
      open.finish('rollback');
    }
    conn.txs.clear();
    conn.socket.destroy();
  };

  const armIdle = (open: OpenTx) => {
    clearTimeout(open.timer);
    open.timer = setTimeout(() => {
      open.expired = errors.dbTransactionIdle(Math.round(txIdleMs / 1000));
      open.finish('rollback');
    }, txIdleMs);
    open.timer.unref();
  };

  const beginTransaction = (): Promise<OpenTx> =>
    new Promise((resolve, reject) => {
      let finish!: (how: 'commit' | 'rollback') => void;
      const ended = new Promise<'commit' | 'rollback'>((r) => {
        finish = r;
      });
      let entered = false;
      const done = track(
        pglite.transaction(async (tx) => {
          entered = true;
          resolve({ tx, finish, done });
          if ((await ended) === 'rollback' && !tx.closed) await tx.rollback();
        }),
      );
      done.catch((error: unknown) => {
        if (!entered) reject(error);
      });
    });

  const transactionOf = (conn: Connection, id: number): OpenTx => {
    const open = conn.txs.get(id);
    if (!open) throw new Error(`transaction ${id} is not open on this connection`);
    if (open.expired) throw open.expired;
    return open;
  };

  const run = async (conn: Connection, request: Request): Promise<unknown> => {
    switch (request.op) {
      case 'hello':
        if (request.version !== PROTOCOL_VERSION) {
          throw new Error(
            `protocol ${request.version} is not ${PROTOCOL_VERSION}: the two processes run different versions of dreamseed`,
          );
        }
        conn.pid = request.pid;
        conn.command = request.command;
        return { version: PROTOCOL_VERSION, pid: process.pid, command: commandLabel() };
      case 'query':
      case 'exec': {
        if (request.tx === undefined) {
          const statement = (q: Pick<Transaction, 'query' | 'exec'>): Promise<unknown> =>
            request.op === 'query' ? q.query(request.sql, request.params) : q.exec(request.sql);
          return runAlone(pglite, statement);
        }
        const open = transactionOf(conn, request.tx);
        clearTimeout(open.timer);
        try {
          return request.op === 'query'
            ? await open.tx.query(request.sql, request.params)
            : await open.tx.exec(request.sql);
        } finally {
          if (!open.expired && conn.txs.has(request.tx)) armIdle(open);
        }
      }
      case 'begin': {
        const open = await beginTransaction();
        if (conn.closed) {
          open.finish('rollback');
          throw new Error('connection closed');
        }
        const id = nextTx++;
        conn.txs.set(id, open);
        armIdle(open);
        return id;
      }
      case 'commit':
      case 'rollback': {
        const open = conn.txs.get(request.tx);
        if (!open) throw new Error(`transaction ${request.tx} is not open on this connection`);
        conn.txs.delete(request.tx);
        clearTimeout(open.timer);
        open.finish(request.op);
        await open.done;
        // Committing a transaction the holder rolled back must not look like success.
        if (open.expired && request.op === 'commit') throw open.expired;
        return null;
      }
    }
  };

  const onConnection = (socket: Socket) => {
    const conn: Connection = { socket, pid: 0, command: 'unknown', txs: new Map(), closed: false };
    connections.add(conn);
    const reply = (message: Reply) => {
      if (conn.closed || !socket.writable) return;
      let frame: Buffer;
      try {
        frame = encodeFrame(message);
      } catch (error) {
        // A value V8 cannot clone (none of PGlite's results are): say so rather than leave the client waiting.
        frame = encodeFrame({ id: message.id, ok: false, error: toWireError(error) });
      }
      socket.write(frame);
    };
    const read = frameReader((frame) => {
      const request = frame as Request;
      track(run(conn, request)).then(
        (value) => reply({ id: request.id, ok: true, value }),
        (error: unknown) => reply({ id: request.id, ok: false, error: toWireError(error) }),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        read(chunk);
      } catch {
        endConnection(conn); // a malformed frame: this is not one of our clients
      }
    });
    socket.on('error', () => endConnection(conn));
    socket.on('close', () => endConnection(conn));
  };

  const server = createServer(onConnection);
  rmSync(options.socketPath, { force: true }); // we hold the lock: a socket file here is a dead holder's
  await listenPrivately(server, options.socketPath);
  const removeSocket = () => rmSync(options.socketPath, { force: true });
  process.on('exit', removeSocket); // a holder that exits without close() leaves no socket behind

  let closing: Promise<void> | undefined;
  return {
    socketPath: options.socketPath,
    clients: () => [...connections].map((c) => ({ pid: c.pid, command: c.command })),
    close(closeOptions = {}) {
      closing ??= (async () => {
        const graceMs = closeOptions.graceMs ?? 10_000;
        const onWait = closeOptions.onWait ?? ((line: string) => process.stderr.write(`${line}\n`));
        // Stops accepting; its callback would wait for every connection to end, so the grace below bounds that.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        removeSocket();
        process.off('exit', removeSocket);
        const deadline = Date.now() + graceMs;
        let nextLine = 0;
        while (connections.size > 0 && Date.now() < deadline) {
          if (Date.now() >= nextLine) {
            const who = [...connections].map((c) => `process ${c.pid} (${c.command})`).join(', ');
            onWait(
              `waiting for ${who} to finish with the database (up to ${Math.ceil((deadline - Date.now()) / 1000)} s)…`,
            );
            nextLine = Date.now() + 3_000;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        for (const conn of [...connections]) endConnection(conn);
        await Promise.allSettled([...inFlight, closed]);
      })();
      return closing;
    },
  };
}

/**
 * Runs a client's statement outside its transactions as one PGlite transaction
 * of its own. In-process, a script whose own BEGIN is followed by a failing
 * statement leaves PGlite's one session in an aborted transaction, and a
 * `query('begin')` leaves it in an open one; shared, every other process's
 * statements would then fail or land in it. Wrapped, PGlite rolls such a
 * statement back before anyone else runs, and a script's own BEGIN/COMMIT
 * still behave as in-process (BEGIN only warns; COMMIT commits). The few
 * statements that refuse to run in a transaction block (VACUUM, CREATE INDEX
 * CONCURRENTLY: SQLSTATE 25001) run as they are: they cannot leave one open.
 */
async function runAlone<R>(
  pglite: PGlite,
  statement: (q: Pick<Transaction, 'query' | 'exec'>) => Promise<R>,
): Promise<R> {
  try {
    return await pglite.transaction((tx) => statement(tx));
  } catch (error) {
    if ((error as { code?: unknown }).code === '25001') return statement(pglite);
    throw error;
  }
}

/** Listens on `path` with mode 0600 from the first instant: the socket has no authentication of its own. */
async function listenPrivately(server: Server, path: string): Promise<void> {
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The socket file is created (bind) synchronously inside listen(): the umask applies to it alone.
  const previous = process.umask(0o177);
  try {
    server.listen(path);
  } finally {
    process.umask(previous);
  }
  await listening;
  chmodSync(path, 0o600);
}
