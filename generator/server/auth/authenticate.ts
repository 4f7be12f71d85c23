import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Database } from '../../db/database.ts';
import { asService } from '../../db/roles.ts';
import { type DreamseedError, errors } from '../../errors.ts';
import type { AuthSettings } from './auth-settings.ts';
import { ACCESS_COOKIE } from './cookie.ts';
import type { TokenVerifier } from './verify-token.ts';

/**
 * Who is calling: a founder (their `users.id`, `auth.users` id and slug) or the platform's backend
 * with the service role. Credentials are `Authorization: Bearer <token>`, else the `ds_access`
 * cookie (the studio). A Bearer equal to `SUPABASE_SERVICE_ROLE_KEY`, or a project-signed JWT with
 * `role: service_role`, is the service role; any other token must verify (verify-token.ts) and its
 * `sub` must be a founder's `users.auth_user_id`.
 */
export type Caller =
  | { kind: 'founder'; userId: string; authUserId: string; slug: string }
  | { kind: 'service' };

/** What authentication needs, set on every request's context by the app (`c.get('auth')`). */
export interface AuthRuntime {
  db: Database;
  settings: AuthSettings;
  verify: TokenVerifier;
}

export type AuthOutcome = { caller: Caller; expiresAt: number | null } | { refusal: DreamseedError };

/** The caller, or null when the request carries no credentials or they are refused. */
export async function authenticate(c: Context): Promise<Caller | null> {
  const outcome = await authenticateRequest(c);
  return 'caller' in outcome ? outcome.caller : null;
}

/** The caller, or the refusal to answer with (401 no or bad credentials, 403 no founder profile). */
export async function authenticateRequest(c: Context): Promise<AuthOutcome> {
  const runtime = c.get('auth' as never) as AuthRuntime | undefined;
  if (!runtime) throw new Error('authenticate: the app did not set the auth runtime on this request');
  const header = c.req.header('authorization');
  let token: string | undefined;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { refusal: errors.authInvalid('the Authorization header is not "Bearer <token>"') };
    token = match[1];
  } else {
    token = getCookie(c, ACCESS_COOKIE);
  }
  if (!token) return { refusal: errors.authRequired() };
  return authenticateToken(runtime, token);
}

/** The caller a token stands for (also for the studio's sign-in, which checks a token before setting the cookie). */
export async function authenticateToken(runtime: AuthRuntime, token: string): Promise<AuthOutcome> {
  const serviceKey = runtime.settings.serviceRoleKey;
  if (serviceKey && sameSecret(token, serviceKey)) return { caller: { kind: 'service' }, expiresAt: null };
  const verdict = await runtime.verify(token);
  if (!verdict.ok) return { refusal: errors.authInvalid(verdict.reason) };
  const claims = verdict.claims;
  if (claims.kind === 'service') return { caller: { kind: 'service' }, expiresAt: claims.exp };
  const rows = await asService(runtime.db, (tx) =>
    tx.query<{ id: string; slug: string }>('select id, slug from public.users where auth_user_id = $1', [
      claims.sub,
    ]),
  );
  const founder = rows[0];
  if (!founder)
    return {
      refusal: errors.forbidden(
        'This account has no founder profile here: no users row has its auth_user_id.',
        'Sign in with the account of a founder of this project.',
      ),
    };
  return {
    caller: { kind: 'founder', userId: founder.id, authUserId: claims.sub, slug: founder.slug },
    expiresAt: claims.exp,
  };
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
