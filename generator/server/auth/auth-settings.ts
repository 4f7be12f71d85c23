import { z } from 'zod';
import { parseEnvironment } from '../../errors.ts';

/**
 * How the server verifies callers, from the environment (zod):
 *
 * - `SUPABASE_JWKS_URL`, else `${SUPABASE_URL}/auth/v1/.well-known/jwks.json` when `SUPABASE_URL`
 *   is set: the project's public keys (RS256 / ES256 / EdDSA access tokens).
 * - `SUPABASE_JWT_SECRET`: the legacy HS256 secret; accepted on any database, the embedded one too.
 * - `SUPABASE_JWT_ISSUER`, else `${SUPABASE_URL}/auth/v1`: the `iss` a Supabase token must carry.
 * - `SUPABASE_SERVICE_ROLE_KEY`: a Bearer equal to it is the platform's backend (service role).
 * - `local`: with no Supabase project at all (no JWKS, no secret), the embedded database's local
 *   sign-in: HS256 tokens signed with a secret kept in the state folder (`local-secret.ts`).
 */
export interface AuthSettings {
  jwksUrl: string | undefined;
  jwtSecret: string | undefined;
  issuer: string | undefined;
  serviceRoleKey: string | undefined;
  /** The local secret (bytes) when local sign-in is on, else undefined. */
  localSecret: Uint8Array | undefined;
}

/** The `iss` of local tokens. */
export const LOCAL_ISSUER = 'dreamseed-local';

const envSchema = z.object({
  SUPABASE_URL: z.string().url().optional(),
  SUPABASE_JWKS_URL: z.string().url().optional(),
  SUPABASE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SUPABASE_JWT_ISSUER: z.string().min(1).optional(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
});

export function readAuthEnv(env: NodeJS.ProcessEnv = process.env): Omit<AuthSettings, 'localSecret'> {
  const empty = (v: string | undefined) => (v === '' ? undefined : v);
  const e = parseEnvironment(envSchema, {
    SUPABASE_URL: empty(env.SUPABASE_URL),
    SUPABASE_JWKS_URL: empty(env.SUPABASE_JWKS_URL),
    SUPABASE_JWT_SECRET: empty(env.SUPABASE_JWT_SECRET),
    SUPABASE_JWT_ISSUER: empty(env.SUPABASE_JWT_ISSUER),
    SUPABASE_SERVICE_ROLE_KEY: empty(env.SUPABASE_SERVICE_ROLE_KEY),
  });
  const base = e.SUPABASE_URL?.replace(/\/+$/, '');
  return {
    jwksUrl: e.SUPABASE_JWKS_URL ?? (base ? `${base}/auth/v1/.well-known/jwks.json` : undefined),
    jwtSecret: e.SUPABASE_JWT_SECRET,
    issuer: e.SUPABASE_JWT_ISSUER ?? (base ? `${base}/auth/v1` : undefined),
    serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY,
  };
}

/** Local sign-in is offered only on the embedded database with no Supabase project configured. */
export function localSignInAllowed(
  env: Omit<AuthSettings, 'localSecret'>,
  databaseKind: 'pglite' | 'postgres' | string,
): boolean {
  return databaseKind !== 'postgres' && !env.jwksUrl && !env.jwtSecret;
}
