import { SignJWT } from 'jose';
import { stateDir } from '../../paths.ts';
import { LOCAL_ISSUER } from './auth-settings.ts';
import { loadLocalSecret } from './local-secret.ts';

/** How long a local sign-in lasts (Supabase's default access-token lifetime). */
export const LOCAL_TOKEN_SECONDS = 3600;

/**
 * A local access token for a seeded founder (embedded database, no Supabase project): HS256,
 * signed with the state folder's local secret, shaped like a Supabase access token (`sub` = the
 * `auth.users` id, `aud` and `role` = `authenticated`, `iss` = `dreamseed-local`). It is verified
 * by the same path as every other token (verify-token.ts), which accepts the local secret only
 * while local sign-in is on. For the studio's "local only" sign-in page and for tests.
 */
export async function issueLocalToken(
  authUserId: string,
  options: { stateDir?: string; seconds?: number } = {},
): Promise<string> {
  const secret = loadLocalSecret(options.stateDir ?? stateDir());
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'authenticated', aud: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(authUserId)
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.seconds ?? LOCAL_TOKEN_SECONDS))
    .sign(secret);
}
