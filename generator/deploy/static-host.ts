import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type HeaderRule, headersFor, parseHeadersFile } from './headers-file.ts';

/**
 * Serves a built site or deploy directory on 127.0.0.1 the way the production
 * host (Netlify) does, so what Lighthouse and the live preview see is what
 * visitors get: the site's `_headers` rules (CSP, HSTS, caching…), gzip or
 * brotli for text, pretty URLs (`/about` → `/about/`), the site's own
 * `404.html` with status 404, and `_headers` / dot files never served.
 *
 * `root` may be a function, evaluated on every request: the live preview passes
 * one that resolves the local target's `current` link, so a deploy or rollback
 * switches what the running server serves, atomically, request by request.
 */
export interface StaticHost {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export interface StaticHostOptions {
  port?: number;
  /** Compress text responses as the CDN does (default true). */
  compress?: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg\+xml)/;
const DEFAULT_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a request path resolves to inside `root`, a redirect, or nothing. */
export type Resolution =
  | { kind: 'file'; file: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'missing' };

export function resolveRequestPath(root: string, pathname: string): Resolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'missing' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0')) return { kind: 'missing' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return { kind: 'missing' };
  if (decoded === '/_headers' || decoded === '/_redirects') return { kind: 'missing' };
  const base = resolve(root);
  const target = resolve(base, `.${decoded}`);
  if (target !== base && !target.startsWith(base + sep)) return { kind: 'missing' };
  const stat = statOrNull(target);
  if (stat?.isFile()) return { kind: 'file', file: target };
  if (stat?.isDirectory()) {
    if (!decoded.endsWith('/')) return { kind: 'redirect', location: `${pathname}/` };
    const index = join(target, 'index.html');
    return statOrNull(index)?.isFile() ? { kind: 'file', file: index } : { kind: 'missing' };
  }
  if (!decoded.endsWith('/') && !extname(decoded)) {
    const html = `${target}.html`;
    if (statOrNull(html)?.isFile()) return { kind: 'file', file: html };
  }
  return { kind: 'missing' };
}

export function startStaticHost(
  root: string | (() => string | null),
  options: StaticHostOptions = {},
): Promise<StaticHost> {
  const rootOf = typeof root === 'function' ? root : () => root;
  const compress = options.compress ?? true;
  const rulesCache = new Map<string, { key: string; rules: HeaderRule[] }>();
  const bodyCache = new Map<string, Buffer>();

  const rulesFor = (dir: string): HeaderRule[] => {
    const file = join(dir, '_headers');
    const stat = statOrNull(file);
    if (!stat) return [];
    // Keyed by inode, not path: behind a switched `current` link the same path is another file.
    const key = `${stat.dev}:${stat.ino}:${stat.mtimeMs}`;
    const cached = rulesCache.get(file);
    if (cached && cached.key === key) return cached.rules;
    const rules = parseHeadersFile(readFileSync(file, 'utf8'));
    rulesCache.set(file, { key, rules });
    return rules;
  };

  const encode = (file: string, data: Buffer, encoding: 'br' | 'gzip'): Buffer => {
    const stat = statSync(file);
    const key = `${encoding}:${stat.dev}:${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    const hit = bodyCache.get(key);
    if (hit) return hit;
    const out =
      encoding === 'br'
        ? brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : gzipSync(data, { level: 6 });
    if (bodyCache.size > 512) bodyCache.delete(bodyCache.keys().next().value as string);
    bodyCache.set(key, out);
    return out;
  };

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    dir: string,
    status: number,
    file: string,
    requestPath: string,
  ) => {
    const type = contentTypeOf(file);
    const headers = headersFor(rulesFor(dir), requestPath);
    for (const [name, value] of headers) res.setHeader(name, value);
    if (!headers.has('cache-control')) res.setHeader('cache-control', DEFAULT_CACHE_CONTROL);
    res.setHeader('content-type', type);
    let body: Buffer = readFileSync(file);
    if (compress && COMPRESSIBLE.test(type)) {
      res.setHeader('vary', 'Accept-Encoding');
      const accepted = String(req.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
      if (encoding) {
        body = encode(file, body, encoding);
        res.setHeader('content-encoding', encoding);
      }
    }
    res.statusCode = status;
    res.setHeader('content-length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end('Method not allowed\n');
        return;
      }
      const dir = rootOf();
      if (!dir) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
        res.end('Nothing is live here yet: publish a site first (dreamseed publish --user ID).\n');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://host');
      const found = resolveRequestPath(dir, url.pathname);
      if (found.kind === 'file') return send(req, res, dir, 200, found.file, url.pathname);
      if (found.kind === 'redirect') {
        res.writeHead(301, { location: found.location + url.search, 'content-type': 'text/plain' });
        res.end();
        return;
      }
      const notFound = join(dir, '404.html');
      if (statOrNull(notFound)?.isFile()) return send(req, res, dir, 404, notFound, url.pathname);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Server error: ${(error as Error).message}\n`);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolvePromise({
        server,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
