import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Is this VAPI server message really from VAPI? A pure function for the
 * transcript processor's route (`POST /api/transcript-processor`): given the
 * request's headers, its raw body and the shared secret, accept or refuse.
 * VAPI authenticates server messages in one of three ways, all accepted:
 *
 * - `X-Vapi-Secret: <secret>` (the legacy inline secret, or a Bearer Token
 *   credential sent in that header without the prefix);
 * - `Authorization: Bearer <secret>` (a Bearer Token credential);
 * - `x-vapi-signature: <hex HMAC-SHA256 of the raw body>` (an HMAC credential
 *   with the body-only payload format; `sha256=` before the hex is allowed).
 *
 * Comparisons are constant-time. No secret configured refuses everything
 * (fail closed). The body is never parsed before it is accepted.
 */
export type Verdict =
  | { accepted: true; by: 'x-vapi-secret' | 'bearer' | 'hmac' }
  | { accepted: false; reason: string };

export function verifyVapiRequest(
  headers: Record<string, string | string[] | undefined> | Headers,
  rawBody: string | Buffer,
  secret: string | undefined,
): Verdict {
  if (!secret) return { accepted: false, reason: 'no shared secret is configured (DREAMSEED_VAPI_SECRET)' };
  const header = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    const v = key === undefined ? undefined : headers[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const given = header('x-vapi-secret');
  if (given !== undefined)
    return same(given.trim(), secret)
      ? { accepted: true, by: 'x-vapi-secret' }
      : { accepted: false, reason: 'the X-Vapi-Secret header does not match the shared secret' };
  const auth = header('authorization');
  if (auth !== undefined) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    return m && same(m[1]!.trim(), secret)
      ? { accepted: true, by: 'bearer' }
      : { accepted: false, reason: 'the Authorization header is not "Bearer" and the shared secret' };
  }
  const signature = header('x-vapi-signature');
  if (signature !== undefined) {
    const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
    return same(
      signature
        .trim()
        .replace(/^sha256=/i, '')
        .toLowerCase(),
      expected,
    )
      ? { accepted: true, by: 'hmac' }
      : {
          accepted: false,
          reason: 'the x-vapi-signature is not the HMAC-SHA256 of the body with the shared secret',
        };
  }
  return {
    accepted: false,
    reason: 'the request carries no X-Vapi-Secret, Authorization or x-vapi-signature header',
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signature VAPI sends for a body (for tests and for clients that sign their own requests). */
export function vapiSignature(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}
