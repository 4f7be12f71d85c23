import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor, parseHeadersFile, patternMatches } from '../../../generator/deploy/headers-file.ts';
import { type StaticHost, startStaticHost } from '../../../generator/deploy/static-host.ts';
import { removeTempDirs, tempDir } from './sites.ts';

afterAll(removeTempDirs);

const HEADERS = `# security for every page
/*
  Content-Security-Policy: default-src 'none'
  X-Frame-Options: DENY

/_img/*
  Cache-Control: public, max-age=31536000, immutable

/blog/:slug/
  X-Robots-Tag: noindex
  X-Frame-Options: SAMEORIGIN
`;

describe('_headers', () => {
  it('parses rules in order and matches splats and placeholders', () => {
    const rules = parseHeadersFile(HEADERS);
    expect(rules.map((r) => r.pattern)).toEqual(['/*', '/_img/*', '/blog/:slug/']);
    expect(patternMatches('/*', '/')).toBe(true);
    expect(patternMatches('/_img/*', '/_img/a-1.webp')).toBe(true);
    expect(patternMatches('/_img/*', '/about/')).toBe(false);
    expect(patternMatches('/blog/:slug/', '/blog/first/')).toBe(true);
    expect(patternMatches('/blog/:slug/', '/blog/first/second/')).toBe(false);
    expect(patternMatches('/a.b', '/axb')).toBe(false);
  });

  it('gives a request every matching rule, joining repeated headers as Netlify does', () => {
    const rules = parseHeadersFile(HEADERS);
    expect(Object.fromEntries(headersFor(rules, '/_img/x.avif'))).toEqual({
      'content-security-policy': "default-src 'none'",
      'x-frame-options': 'DENY',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(headersFor(rules, '/blog/one/').get('x-frame-options')).toBe('DENY, SAMEORIGIN');
  });

  it('names the line of a malformed file', () => {
    expect(() => parseHeadersFile('  X-Orphan: value\n')).toThrow(/line 1/);
  });
});

describe('static host', () => {
  const root = tempDir('ds-host-');
  const site = (name: string, title: string) => {
    const dir = join(root, name);
    mkdirSync(join(dir, 'about'), { recursive: true });
    mkdirSync(join(dir, '_img'), { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><title>${title}</title>${'<p>text</p>'.repeat(200)}`,
    );
    writeFileSync(join(dir, 'about', 'index.html'), '<!doctype html><title>About</title>');
    writeFileSync(join(dir, '404.html'), '<!doctype html><title>Not found</title>');
    writeFileSync(join(dir, '_img', 'a.webp'), Buffer.alloc(64, 1));
    writeFileSync(join(dir, '_headers'), HEADERS);
    writeFileSync(join(dir, '.secret'), 'hidden');
    return dir;
  };
  const one = site('one', 'One');
  site('two', 'Two');
  let host: StaticHost;
  let live: StaticHost;
  beforeAll(async () => {
    host = await startStaticHost(one);
    symlinkSync('one', join(root, 'current'));
    live = await startStaticHost(() => join(root, 'current'));
  });
  afterAll(async () => {
    await host.close();
    await live.close();
  });

  it('serves pages with the _headers rules and compresses text', async () => {
    const res = await fetch(host.url, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const raw = await rawGet(host.url, { 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(raw.body.length).toBeLessThan(2000);
    expect(gunzipSync(raw.body).toString()).toContain('<title>One</title>');
    expect((await rawGet(host.url, { 'accept-encoding': 'br, gzip' })).headers['content-encoding']).toBe(
      'br',
    );
    const image = await fetch(new URL('_img/a.webp', host.url));
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(image.headers.get('content-encoding')).toBeNull();
  });

  it('redirects a directory without its slash, serves the 404 page with 404, and hides _headers and dot files', async () => {
    const redirect = await fetch(new URL('about', host.url), { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/about/');
    for (const path of ['missing/', '_headers', '.secret', '..%2F..%2Fetc%2Fpasswd']) {
      const res = await fetch(new URL(path, host.url));
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('Not found');
    }
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
  });

  it('follows a switched root on the next request', async () => {
    expect(await (await fetch(live.url)).text()).toContain('<title>One</title>');
    symlinkSync('two', join(root, 'current.next'));
    renameSync(join(root, 'current.next'), join(root, 'current'));
    expect(await (await fetch(live.url)).text()).toContain('<title>Two</title>');
  });
});

/** A GET that does not decode the body (fetch always decompresses). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
