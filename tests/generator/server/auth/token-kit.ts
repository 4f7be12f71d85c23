import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** Test tokens and a loopback JWKS server speaking Supabase's /auth/v1/.well-known/jwks.json. */
export const SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const ISSUER = 'http://127.0.0.1:54321/auth/v1';

export function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function claims(sub: string, extra: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub,
    aud: 'authenticated',
    role: 'authenticated',
    iss: ISSUER,
    iat: now,
    exp: now + 600,
    ...extra,
  };
}

export function hs256(payload: JWTPayload, secret = SECRET): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** An unsigned token (alg none), as an attacker would send it. */
export function unsigned(payload: JWTPayload): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
}

/** The token with its payload replaced and the original signature kept. */
export function tampered(token: string, payload: JWTPayload): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64url(payload)}.${signature}`;
}

export interface JwksServer {
  url: string;
  sign(payload: JWTPayload): Promise<string>;
  /** A key pair of the same kind that is NOT published. */
  signWithStranger(payload: JWTPayload): Promise<string>;
  requests(): number;
  close(): Promise<void>;
}

export async function startJwksServer(): Promise<JwksServer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const stranger = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' };
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    if (req.url === '/auth/v1/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const sign = (key: CryptoKey, payload: JWTPayload) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'test-key-1', typ: 'JWT' }).sign(key);
  return {
    url: `http://127.0.0.1:${port}`,
    sign: (p) => sign(privateKey, p),
    signWithStranger: (p) => sign(stranger.privateKey, p),
    requests: () => count,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
