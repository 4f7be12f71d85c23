import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../helpers/fixtures.ts';
import { startTestServer, type TestServer } from '../server-fixture.ts';

const media = fixture;
const LIMIT = 400 * 1024;

let s: TestServer;
beforeAll(async () => {
  // A small upload limit, so "over the limit" is cheap to send.
  s = await startTestServer({ app: { uploadLimitBytes: LIMIT, rateLimitPerMinute: 1000 } });
});
afterAll(() => s?.close());

const count = async (slug: string) => {
  const id = s.founders.find((f) => f.slug === slug)!.id;
  const [row] = await s.db.query<{ n: number }>(
    'select count(*)::int as n from public.media_assets where user_id = $1',
    [id],
  );
  return row!.n;
};

function upload(parts: Record<string, Blob | string>, token: string, filename = 'upload.bin') {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) {
    if (typeof v === 'string') form.set(k, v);
    else form.set(k, v, filename);
  }
  return s.fetch('/api/file-upload', { method: 'POST', body: form, token });
}

describe('POST /api/file-upload', () => {
  it('stores a logo, suggests its category, and answers 201 with the asset', async () => {
    const before = await count('bakery');
    const res = await upload(
      { file: new Blob([media('logo-debian.png')], { type: 'image/png' }) },
      await s.tokenFor('bakery'),
      'our-logo.png',
    );
    expect(res.status).toBe(201);
    const asset = (await res.json()) as Record<string, unknown>;
    expect(asset).toMatchObject({
      status: 'added',
      mime_type: 'image/png',
      original_filename: 'our-logo.png',
    });
    expect(asset.suggested_category).toBe(asset.category);
    expect((asset.category_choice as { by: string }).by).toBe('suggested');
    expect(await count('bakery')).toBe(before + 1);
    const [row] = await s.db.query<{ user_id: string }>(
      'select user_id from public.media_assets where id = $1',
      [asset.media_asset_id],
    );
    expect(row!.user_id).toBe(s.founders.find((f) => f.slug === 'bakery')!.id);
  });

  it('takes a given category and a description', async () => {
    const res = await upload(
      {
        file: new Blob([media('photo-yellow-flower.jpg')], { type: 'image/jpeg' }),
        category: 'product',
        description: 'A yellow flower on the counter',
      },
      await s.tokenFor('bakery'),
      'flower.jpg',
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      category: 'product',
      suggested_category: null,
      alt: { text: 'A yellow flower on the counter' },
    });
  });

  it.each([
    ['a text file named .png', () => new Blob(['hello, not an image'], { type: 'image/png' }), 'evil.png'],
    ['an HTML page named .jpg', () => new Blob(['<html><script>alert(1)</script></html>']), 'page.jpg'],
    [
      'a JPEG with a web page appended (polyglot)',
      () => new Blob([media('photo-yellow-flower.jpg'), '<html><script>alert(1)</script></html>']),
      'poly.jpg',
    ],
    [
      'an external-entity SVG',
      () =>
        new Blob([
          '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><text>&x;</text></svg>',
        ]),
      'xxe.svg',
    ],
    ['a truncated PNG', () => new Blob([media('logo-debian.png').subarray(0, 200)]), 'cut.png'],
  ])('refuses %s with a 4xx JSON error and stores nothing', async (_, blob, name) => {
    const before = await count('dog-groomer');
    const res = await upload({ file: blob() }, await s.tokenFor('dog-groomer'), name);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const err = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('FILE_REFUSED');
    expect(err.message).toContain('nothing was stored');
    expect(await count('dog-groomer')).toBe(before);
  });

  it('stores an SVG with a script only as the PNG it draws (as `files add` does), saying what was dropped', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(1)</script><rect width="64" height="64" fill="#c33"/></svg>';
    const res = await upload(
      { file: new Blob([svg], { type: 'image/svg+xml' }), category: 'logo' },
      await s.tokenFor('dog-groomer'),
      'logo.svg',
    );
    expect(res.status).toBe(201);
    const asset = (await res.json()) as { mime_type: string; notes: string[] };
    expect(asset.mime_type).toBe('image/png');
    expect(asset.notes.join(' ')).toMatch(/SVG converted to PNG/);
  });

  it.each([
    ['no file', {}, 'file'],
    ['the file as a text field', { file: 'not a file' }, 'file'],
    ['an unknown category', { file: new Blob([media('logo-debian.png')]), category: 'banner' }, 'category'],
  ])('refuses %s with 422 naming the field', async (_, parts, field) => {
    const res = await upload(
      parts as Record<string, Blob | string>,
      await s.tokenFor('dog-groomer'),
      'x.png',
    );
    expect(res.status).toBe(422);
    const err = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain(field);
  });

  it('refuses a JSON body (400)', async () => {
    const res = await s.fetch('/api/file-upload', {
      method: 'POST',
      token: await s.tokenFor('dog-groomer'),
      body: JSON.stringify({ file: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('refuses a file over the limit declared by Content-Length (413), storing nothing', async () => {
    const before = await count('dog-groomer');
    const big = Buffer.concat([media('photo-yellow-flower.jpg'), Buffer.alloc(LIMIT)]);
    const res = await upload(
      { file: new Blob([big], { type: 'image/jpeg' }) },
      await s.tokenFor('dog-groomer'),
      'big.jpg',
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
    expect(await count('dog-groomer')).toBe(before);
  });

  it('stops reading a streamed (chunked, no Content-Length) upload at the limit, not after buffering it', async () => {
    const token = await s.tokenFor('dog-groomer');
    const boundary = 'dreamseedboundary';
    const url = new URL('/api/file-upload', s.url);
    const total = 40 * 1024 * 1024; // what the client would send if nobody stopped it
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const outcome = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let done = false;
      const req = request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          done = true;
          resolve({ status: res.statusCode ?? 0, body, sent });
          req.destroy();
        });
      });
      req.on('error', (e) => {
        if (!done) reject(e);
      });
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      );
      const pump = () => {
        while (!done && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!done) req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body).error.code).toBe('BODY_TOO_LARGE');
    // The answer came long before the client could send it all.
    expect(outcome.sent).toBeLessThan(total / 2);
  });
});
