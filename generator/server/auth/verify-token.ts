import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { type AuthSettings, LOCAL_ISSUER } from './auth-settings.ts';

/**
 * Verifies an access token with jose, the one path for every token this server accepts:
 *
 * - `HS256`: the project's `SUPABASE_JWT_SECRET` (issuer checked when configured), else the local
 *   secret (issuer `dreamseed-local`) when local sign-in is on;
 * - `RS256` / `ES256` / `EdDSA` (and `PS256`, `RS512`…): the project's JWKS;
 * - anything else, `none` included: refused before any key is looked at.
 *
 * Signature and `exp` always (a token without `exp` is refused), `nbf` when present, the issuer
 * where configured, and `aud = authenticated` for founders. A token whose `role` is `service_role`
 * (signed by the project, never by the local secret) is the platform's backend.
 */
export type TokenClaims =
  | { kind: 'founder'; sub: string; exp: number; issuer: 'supabase' | 'local' }
  | { kind: 'service'; exp: number };

export type TokenVerdict = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

export type TokenVerifier = (token: string) => Promise<TokenVerdict>;

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Clock skew tolerated on exp / nbf. */
const CLOCK_TOLERANCE_S = 5;

export function tokenVerifier(settings: AuthSettings): TokenVerifier {
  let jwks: JWTVerifyGetKey | undefined;
  const keySet = (): JWTVerifyGetKey | undefined => {
    if (!settings.jwksUrl) return undefined;
    jwks ??= createRemoteJWKSet(new URL(settings.jwksUrl), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
    return jwks;
  };
  const secret = settings.jwtSecret ? new TextEncoder().encode(settings.jwtSecret) : undefined;

  return async (token) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      return { ok: false, reason: 'it is not a JWT' };
    }
    if (!alg || alg === 'none') return { ok: false, reason: 'it is unsigned (alg none)' };
    try {
      if (alg === 'HS256') {
        if (secret) {
          const { badSignature, ...verdict } = await attempt(
            token,
            secret,
            ['HS256'],
            settings.issuer,
            'supabase',
          );
          if (verdict.ok || !settings.localSecret || !badSignature) return verdict;
        }
        if (settings.localSecret) {
          const { badSignature: _, ...verdict } = await attempt(
            token,
            settings.localSecret,
            ['HS256'],
            LOCAL_ISSUER,
            'local',
          );
          return verdict;
        }
        return { ok: false, reason: 'HS256 tokens are not accepted here (SUPABASE_JWT_SECRET is not set)' };
      }
      if (ASYMMETRIC.includes(alg)) {
        const keys = keySet();
        if (!keys)
          return {
            ok: false,
            reason: `${alg} tokens need the project's JWKS (SUPABASE_URL or SUPABASE_JWKS_URL is not set)`,
          };
        const { badSignature: _, ...verdict } = await attempt(
          token,
          keys,
          ASYMMETRIC,
          settings.issuer,
          'supabase',
        );
        return verdict;
      }
      return { ok: false, reason: `the algorithm ${alg} is not accepted` };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  };
}

async function attempt(
  token: string,
  key: Uint8Array | JWTVerifyGetKey,
  algorithms: string[],
  issuer: string | undefined,
  origin: 'supabase' | 'local',
): Promise<TokenVerdict & { badSignature?: boolean }> {
  let payload: JWTPayload;
  try {
    const options = {
      algorithms,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_S,
      ...(issuer ? { issuer } : {}),
    };
    payload =
      key instanceof Uint8Array
        ? (await jwtVerify(token, key, options)).payload
        : (await jwtVerify(token, key, options)).payload;
  } catch (error) {
    return {
      ok: false,
      reason: reasonOf(error),
      badSignature: error instanceof joseErrors.JWSSignatureVerificationFailed,
    };
  }
  const exp = payload.exp as number;
  if (payload.role === 'service_role') {
    if (origin === 'local') return { ok: false, reason: 'local tokens cannot act as the service role' };
    return { ok: true, claims: { kind: 'service', exp } };
  }
  const aud = payload.aud;
  const audiences = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
  if (!audiences.includes('authenticated'))
    return { ok: false, reason: `its audience is ${JSON.stringify(aud ?? null)}, not "authenticated"` };
  if (typeof payload.sub !== 'string' || !UUID.test(payload.sub))
    return { ok: false, reason: 'its subject (sub) is not a user id' };
  return { ok: true, claims: { kind: 'founder', sub: payload.sub.toLowerCase(), exp, issuer: origin } };
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'its signature does not match (tampered, or signed with another key)';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'its issuer is not the one this server trusts';
    if (error.claim === 'nbf') return 'it is not valid yet';
    return `its ${error.claim} claim is invalid (${error.reason})`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the project matches it';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JOSEError) {
    if (error instanceof joseErrors.JWKSTimeout) return "the project's keys could not be fetched in time";
    if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
    if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid)
      return 'it is malformed';
    return `it could not be verified (${error.code})`;
  }
  return 'it could not be verified';
}
