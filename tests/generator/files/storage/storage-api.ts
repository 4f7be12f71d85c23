import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server that answers the Supabase Storage API calls
 * @supabase/supabase-js makes for the Supabase storage driver: upload (POST
 * /storage/v1/object/<bucket>/<path>), download (GET), remove (DELETE
 * /storage/v1/object/<bucket> with prefixes), and error answers as Storage
 * sends them (a duplicate is HTTP 400 with its own statusCode 409; a missing
 * object, 400 with 404). Only the service-role key it was made with is let in.
 */
export interface StorageCall {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface StorageErrorAnswer {
  status: number;
  body: Record<string, string>;
}

export function storageError(status: number, error: string, message: string): StorageErrorAnswer {
  return { status, body: { statusCode: String(status), error, message } };
}

export class FakeStorage {
  readonly key: string;
  readonly calls: StorageCall[] = [];
  readonly objects = new Map<string, { body: Buffer; type: string }>();
  /** Next answers to force, by method. */
  readonly forced: ({ method: string } & StorageErrorAnswer)[] = [];
  /** Refuse the n-th upload from now with a 413 (null: none). */
  refuseUpload: number | null = null;
  url = '';
  private server: Server | null = null;

  constructor(key: string) {
    this.key = key;
  }

  /** Forgets the calls and the forced answers (the stored objects stay). */
  reset(): void {
    this.calls.length = 0;
    this.forced.length = 0;
    this.refuseUpload = null;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = this.answer(req, Buffer.concat(chunks));
        if ('bytes' in answer) {
          res.writeHead(200, { 'content-type': answer.type });
          res.end(answer.bytes);
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private answer(
    req: IncomingMessage,
    body: Buffer,
  ): { status: number; body: unknown } | { bytes: Buffer; type: string } {
    this.calls.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.method === 'POST' && this.refuseUpload !== null && --this.refuseUpload === 0) {
      this.refuseUpload = null;
      this.forced.push({
        method: 'POST',
        ...storageError(413, 'Payload too large', 'The object exceeded the maximum allowed size'),
      });
    }
    const force = this.forced.findIndex((f) => f.method === req.method);
    if (force >= 0) return this.forced.splice(force, 1)[0]!;
    if (req.headers.authorization !== `Bearer ${this.key}` || req.headers.apikey !== this.key) {
      return {
        status: 403,
        body: { statusCode: '403', error: 'Unauthorized', message: 'invalid signature' },
      };
    }
    const m = /^\/storage\/v1\/object\/([^/]+)(?:\/(.+))?$/.exec(decodeURIComponent(req.url!.split('?')[0]!));
    if (!m) return { status: 404, body: { statusCode: '404', error: 'not_found', message: 'no route' } };
    const [, bucket, path] = m;
    const key = `${bucket}/${path}`;
    if (req.method === 'POST' && path) {
      if (this.objects.has(key)) {
        return {
          status: 400,
          body: { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' },
        };
      }
      this.objects.set(key, { body, type: String(req.headers['content-type']) });
      return { status: 200, body: { Id: 'b0e3b4f2-0000-4000-8000-000000000001', Key: key } };
    }
    if (req.method === 'GET' && path) {
      const object = this.objects.get(key);
      if (!object) {
        return { status: 400, body: { statusCode: '404', error: 'not_found', message: 'Object not found' } };
      }
      return { bytes: object.body, type: object.type };
    }
    if (req.method === 'DELETE' && !path) {
      const { prefixes } = JSON.parse(body.toString('utf8')) as { prefixes: string[] };
      for (const p of prefixes) this.objects.delete(`${bucket}/${p}`);
      return { status: 200, body: prefixes.map((name) => ({ name, bucket_id: bucket })) };
    }
    return { status: 405, body: { statusCode: '405', error: 'method', message: 'not allowed' } };
  }
}
