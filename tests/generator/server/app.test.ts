import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-fixture.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe('the app', () => {
  it('answers health with the version and the database kind, without credentials', async () => {
    const res = await s.fetch('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: string; database: { kind: string } };
    expect(body.database.kind).toBe('pglite');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers an unknown route with a catalogue error as JSON', async () => {
    const res = await s.fetch('/api/nope');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; hint: string } };
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.hint).toContain('openapi.json');
  });

  it('refuses a founder route without credentials (401 AUTH_REQUIRED) and accepts a local token', async () => {
    const none = await s.fetch('/api/save-domain', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('AUTH_REQUIRED');
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const token = await s.tokenFor(s.founders[0]!.slug);
    const bad = await s.fetch('/api/save-domain', {
      method: 'POST',
      token,
      body: JSON.stringify({ domain: 'not a domain' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toContain('domain');
  });
});
