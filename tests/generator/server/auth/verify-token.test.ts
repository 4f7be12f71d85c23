import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSettings } from '../../../../generator/server/auth/auth-settings.ts';
import { readAuthEnv } from '../../../../generator/server/auth/auth-settings.ts';
import { issueLocalToken } from '../../../../generator/server/auth/issue-local-token.ts';
import { loadLocalSecret } from '../../../../generator/server/auth/local-secret.ts';
import { tokenVerifier } from '../../../../generator/server/auth/verify-token.ts';
import {
  claims,
  hs256,
  ISSUER,
  type JwksServer,
  SECRET,
  startJwksServer,
  tampered,
  unsigned,
} from './token-kit.ts';

const SUB = 'a7e00000-0000-4000-8000-000000000001';
let jwks: JwksServer;
beforeAll(async () => {
  jwks = await startJwksServer();
});
afterAll(() => jwks?.close());

const supabase = (over: Partial<AuthSettings> = {}): AuthSettings => ({
  jwksUrl: undefined,
  jwtSecret: SECRET,
  issuer: ISSUER,
  serviceRoleKey: undefined,
  localSecret: undefined,
  ...over,
});

describe('tokenVerifier with the legacy HS256 secret', () => {
  const verify = tokenVerifier(supabase());

  it('accepts a valid founder token and names its subject', async () => {
    const v = await verify(await hs256(claims(SUB)));
    expect(v).toEqual({ ok: true, claims: expect.objectContaining({ kind: 'founder', sub: SUB }) });
  });

  it.each([
    ['expired', claims(SUB, { exp: Math.floor(Date.now() / 1000) - 60 }), /expired/],
    ['wrong audience', claims(SUB, { aud: 'anon' }), /audience/],
    ['no audience', claims(SUB, { aud: undefined }), /audience/],
    ['wrong issuer', claims(SUB, { iss: 'https://evil.example/auth/v1' }), /issuer/],
    ['no expiry', claims(SUB, { exp: undefined }), /exp/],
    ['not yet valid', claims(SUB, { nbf: Math.floor(Date.now() / 1000) + 3600 }), /not valid yet/],
    ['a subject that is no user id', claims('admin'), /subject/],
  ])('refuses a token with %s', async (_, payload, reason) => {
    const v = await verify(await hs256(payload));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(reason);
  });

  it('refuses a tampered token (payload changed, signature kept)', async () => {
    const token = await hs256(claims(SUB));
    const v = await verify(tampered(token, claims('a7e00000-0000-4000-8000-000000000002')));
    expect(v).toEqual({ ok: false, reason: expect.stringMatching(/signature/) });
  });

  it('refuses a token signed with another secret', async () => {
    const v = await verify(await hs256(claims(SUB), randomBytes(32).toString('hex')));
    expect(v).toEqual({ ok: false, reason: expect.stringMatching(/signature/) });
  });

  it('refuses alg none, whatever it claims', async () => {
    expect(await verify(unsigned(claims(SUB)))).toEqual({
      ok: false,
      reason: expect.stringMatching(/unsigned/),
    });
    expect(await verify(unsigned(claims(SUB, { role: 'service_role' })))).toMatchObject({ ok: false });
  });

  it('refuses garbage and asymmetric tokens when no JWKS is configured', async () => {
    expect(await verify('not.a.jwt')).toMatchObject({ ok: false });
    expect(await verify(await jwks.sign(claims(SUB)))).toEqual({
      ok: false,
      reason: expect.stringMatching(/JWKS/),
    });
  });

  it('takes a project-signed service_role token as the service role (no audience needed)', async () => {
    const v = await verify(
      await hs256(claims(SUB, { role: 'service_role', aud: undefined, sub: undefined })),
    );
    expect(v).toEqual({ ok: true, claims: expect.objectContaining({ kind: 'service' }) });
  });
});

describe('tokenVerifier with the project JWKS (asymmetric keys)', () => {
  it('verifies ES256 tokens against a loopback JWKS server and refuses strangers, alg none and HS256', async () => {
    const verify = tokenVerifier(
      supabase({ jwtSecret: undefined, jwksUrl: `${jwks.url}/auth/v1/.well-known/jwks.json` }),
    );
    expect(await verify(await jwks.sign(claims(SUB)))).toMatchObject({ ok: true, claims: { sub: SUB } });
    expect(jwks.requests()).toBeGreaterThan(0);
    expect(await verify(await jwks.signWithStranger(claims(SUB)))).toMatchObject({ ok: false });
    expect(await verify(await jwks.sign(claims(SUB, { aud: 'other' })))).toMatchObject({ ok: false });
    expect(await verify(await jwks.sign(claims(SUB, { iss: 'https://x.example' })))).toMatchObject({
      ok: false,
    });
    expect(await verify(await jwks.sign(claims(SUB, { exp: 1 })))).toEqual({
      ok: false,
      reason: expect.stringMatching(/expired/),
    });
    // An HS256 token "signed" with the public key's bytes (alg confusion) finds no secret here.
    expect(await verify(await hs256(claims(SUB)))).toEqual({
      ok: false,
      reason: expect.stringMatching(/HS256/),
    });
  });

  it('derives the JWKS URL and the issuer from SUPABASE_URL', () => {
    const env = readAuthEnv({ SUPABASE_URL: 'https://abc.supabase.co/' });
    expect(env.jwksUrl).toBe('https://abc.supabase.co/auth/v1/.well-known/jwks.json');
    expect(env.issuer).toBe('https://abc.supabase.co/auth/v1');
    expect(() => readAuthEnv({ SUPABASE_JWT_SECRET: 'short' })).toThrow(/SUPABASE_JWT_SECRET/);
  });
});

describe('local tokens (embedded database, no Supabase project)', () => {
  it('are accepted through the same path only while local sign-in is on', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dreamseed-local-'));
    const token = await issueLocalToken(SUB, { stateDir: home });
    const local = tokenVerifier(
      supabase({ jwtSecret: undefined, issuer: undefined, localSecret: loadLocalSecret(home) }),
    );
    expect(await local(token)).toMatchObject({
      ok: true,
      claims: { kind: 'founder', sub: SUB, issuer: 'local' },
    });
    // The secret is made once and kept: a second load gives the same bytes.
    expect(Buffer.from(loadLocalSecret(home)).equals(Buffer.from(loadLocalSecret(home)))).toBe(true);
    // With a Supabase project configured (no local secret) the local token is refused.
    expect(await tokenVerifier(supabase())(token)).toMatchObject({ ok: false });
    // A local token cannot be the service role, and another checkout's secret does not verify.
    const other = mkdtempSync(join(tmpdir(), 'dreamseed-local-'));
    expect(await local(await issueLocalToken(SUB, { stateDir: other }))).toMatchObject({ ok: false });
    const expired = await issueLocalToken(SUB, { stateDir: home, seconds: -60 });
    expect(await local(expired)).toEqual({ ok: false, reason: expect.stringMatching(/expired/) });
  });

  it('accepts SUPABASE_JWT_SECRET tokens beside local ones on the embedded database', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dreamseed-local-'));
    const both = tokenVerifier(supabase({ localSecret: loadLocalSecret(home) }));
    expect(await both(await hs256(claims(SUB)))).toMatchObject({ ok: true, claims: { issuer: 'supabase' } });
    expect(await both(await issueLocalToken(SUB, { stateDir: home }))).toMatchObject({
      ok: true,
      claims: { issuer: 'local' },
    });
  });
});
