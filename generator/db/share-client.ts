import { createConnection, type Socket } from 'node:net';
import type { Results } from '@electric-sql/pglite';
import { errors } from '../errors.ts';
import { commandLabel } from './lock.ts';
import type { PgliteSession, SessionTx } from './pglite.ts';
import {
  encodeFrame,
  frameReader,
  fromWireError,
  type Hello,
  PROTOCOL_VERSION,
  type Reply,
  type Request,
} from './share-wire.ts';

/**
 * A client of the process that holds the embedded database and shares it
 * (share-server.ts): a PGlite session whose every call is a request to the
 * holder. Results and errors come back as PGlite made them in the holder
 * (Date, bigint, Uint8Array, jsonb objects; DatabaseError with its SQLSTATE),
 * so the code above cannot tell it from PGlite in its own process.
 */
export interface SharedSession extends PgliteSession {
  /** The holder: its pid and command. */
  readonly holder: Hello;
  close(): Promise<void>;
}

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/**
 * Connects to the holder's socket. Resolves undefined when nobody listens there
 * (the holder is starting or stopping): the caller waits and looks again.
 */
export async function connectShared(socketPath: string, dataDir: string): Promise<SharedSession | undefined> {
  const socket = await new Promise<Socket | undefined>((resolve) => {
    const s = createConnection(socketPath);
    s.once('connect', () => {
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', () => resolve(undefined));
  });
  if (!socket) return undefined;

  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  let holderName = 'the process';
  let gone = false;
  let closedByUs = false;
  let openTransactions = 0;

  const lost = (during: 'transaction' | 'statement' | 'idle') =>
    errors.dbHolderGone(dataDir, holderName, during);
  const read = frameReader((frame) => {
    const reply = frame as Reply;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(fromWireError(reply.error));
  });
  const hangUp = () => {
    if (gone) return;
    gone = true;
    socket.destroy();
    const during = openTransactions > 0 ? 'transaction' : 'statement';
    for (const waiter of pending.values())
      waiter.reject(closedByUs ? new Error('connection closed') : lost(during));
    pending.clear();
  };
  socket.on('data', (chunk: Buffer) => {
    try {
      read(chunk);
    } catch {
      hangUp();
    }
  });
  socket.on('error', hangUp);
  socket.on('close', hangUp);

  const request = <T>(body: RequestBody): Promise<T> => {
    if (gone) {
      return Promise.reject(
        closedByUs
          ? new Error('the database is closed')
          : lost(openTransactions > 0 ? 'transaction' : 'idle'),
      );
    }
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      let frame: Buffer;
      try {
        frame = encodeFrame({ ...body, id } as Request);
      } catch (error) {
        reject(error); // a parameter that cannot be sent (a function, a symbol)
        return;
      }
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.write(frame);
    });
  };

  let holder: Hello;
  try {
    holder = await request<Hello>({
      op: 'hello',
      version: PROTOCOL_VERSION,
      pid: process.pid,
      command: commandLabel(),
    });
  } catch (error) {
    socket.destroy();
    if ((error as { code?: string }).code === 'DB_HOLDER_GONE') return undefined; // it was shutting down
    throw error;
  }
  holderName = `process ${holder.pid} (\`${holder.command}\`)`;

  const statements = (tx?: number) => ({
    query: <T>(sql: string, params: unknown[] = []) =>
      request<Results<T>>({ op: 'query', sql, params, ...(tx === undefined ? {} : { tx }) }),
    exec: (sql: string) => request<Results[]>({ op: 'exec', sql, ...(tx === undefined ? {} : { tx }) }),
  });

  return {
    holder,
    ...statements(),
    async transaction<T>(fn: (tx: SessionTx) => Promise<T>): Promise<T> {
      const id = await request<number>({ op: 'begin' });
      openTransactions++;
      let closed = false;
      const inside = statements(id);
      /** Runs `next` unless the transaction has ended (PGlite throws the same words). */
      const whileOpen = async <R>(next: () => Promise<R>): Promise<R> => {
        if (closed) throw new Error('Transaction is closed');
        return next();
      };
      const end = async (how: 'commit' | 'rollback') => {
        closed = true;
        try {
          await request({ op: how, tx: id });
        } finally {
          openTransactions--;
        }
      };
      const tx: SessionTx = {
        query: (sql, params) => whileOpen(() => inside.query(sql, params)),
        exec: (sql) => whileOpen(() => inside.exec(sql)),
        rollback: () => whileOpen(() => end('rollback')),
        get closed() {
          return closed;
        },
      };
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        if (!closed) await end('rollback').catch(() => undefined);
        throw error;
      }
      if (!closed) await end('commit');
      return result;
    },
    async close() {
      if (gone) return;
      closedByUs = true;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
      });
    },
  };
}
