import { deserialize, serialize } from 'node:v8';
import { messages } from '@electric-sql/pglite';
import { DreamseedError, type ErrorCode, errors } from '../errors.ts';

/**
 * The frames a process sharing the embedded database and its clients exchange
 * over the unix socket (share-server.ts / share-client.ts). Each frame is a
 * 4-byte big-endian length and a V8 structured-clone payload (node:v8
 * serialize), so every value PGlite hands back crosses unchanged: Date,
 * Uint8Array (bytea), bigint, nested jsonb objects and arrays, NaN/Infinity,
 * null. JSON would need type tags for all of those and still lose some.
 * Both ends are the same checkout, so the V8 format always matches; `hello`
 * carries a protocol version anyway.
 */
export const PROTOCOL_VERSION = 1;

/** Largest frame accepted (a result of this size is a bug in the query, not data to move). */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;

export type Request =
  /** First request of a connection: who the client is; the answer is a `Hello` naming the holder. */
  | { id: number; op: 'hello'; version: number; pid: number; command: string }
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  /** Answers the transaction's id once this client holds PGlite's transaction lock. */
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit'; tx: number }
  | { id: number; op: 'rollback'; tx: number };

export interface Hello {
  version: number;
  pid: number;
  /** The holder's command line, for people ("dreamseed worker"). */
  command: string;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** An error as it crosses the socket: the message, the class, and PostgreSQL's fields when it is one. */
export interface WireError {
  message: string;
  /** 'database' for PGlite's DatabaseError (SQLSTATE in `fields.code`), 'dreamseed' for ours, else the error's name. */
  kind: string;
  fields: Record<string, unknown>;
}

export function encodeFrame(message: Request | Reply): Buffer {
  const body = serialize(message);
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** Collects socket chunks and calls `onFrame` for each complete frame; throws on a frame too large. */
export function frameReader(onFrame: (message: unknown) => void): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let size = 0;
  return (chunk) => {
    pending.push(chunk);
    size += chunk.length;
    for (;;) {
      if (size < 4) return;
      if (pending[0]!.length < 4) pending = [Buffer.concat(pending, size)];
      const length = pending[0]!.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) throw new Error(`frame of ${length} bytes exceeds the limit`);
      if (size < 4 + length) return;
      const buffer = pending.length === 1 ? pending[0]! : Buffer.concat(pending, size);
      const message = deserialize(buffer.subarray(4, 4 + length));
      const rest = buffer.subarray(4 + length);
      pending = rest.length ? [rest] : [];
      size = rest.length;
      onFrame(message);
    }
  };
}

/** PostgreSQL's error fields PGlite's DatabaseError carries, plus the query PGlite attaches. */
const DATABASE_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
  'query',
  'params',
] as const;

export function toWireError(error: unknown): WireError {
  if (error instanceof messages.DatabaseError) {
    const source = error as unknown as Record<string, unknown>;
    const fields: Record<string, unknown> = { length: error.length };
    for (const key of DATABASE_FIELDS) if (source[key] !== undefined) fields[key] = source[key];
    return { message: error.message, kind: 'database', fields };
  }
  if (error instanceof DreamseedError) {
    return {
      message: error.message,
      kind: 'dreamseed',
      fields: { code: error.code, hint: error.hint, data: error.data },
    };
  }
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    return {
      message: error.message,
      kind: error.name,
      fields: typeof code === 'string' ? { code } : {},
    };
  }
  return { message: String(error), kind: 'Error', fields: {} };
}

/** The error the caller would have got from PGlite in its own process (a DatabaseError with the same fields). */
export function fromWireError(wire: WireError): Error {
  if (wire.kind === 'database') {
    const error = new messages.DatabaseError(wire.message, Number(wire.fields.length ?? 0), 'error');
    const { length: _length, ...fields } = wire.fields;
    return Object.assign(error, fields);
  }
  if (wire.kind === 'dreamseed') {
    const { code, hint, data } = wire.fields as {
      code: ErrorCode;
      hint?: string;
      data?: Record<string, unknown>;
    };
    return errors.relayed({ code, message: wire.message, hint, data });
  }
  const error = new Error(wire.message);
  if (wire.kind !== 'Error') error.name = wire.kind;
  return Object.assign(error, wire.fields);
}
