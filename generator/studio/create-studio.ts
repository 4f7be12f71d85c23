import { Hono } from 'hono';
import { asService } from '../db/roles.ts';
import { studioApp } from './app.ts';
import type { LocalSignIn, MountDeps } from './deps.ts';

/**
 * The studio as the server mounts it (`createApp({ studio: createStudio })`,
 * and `dreamseed serve`): the founder is whoever the server's own
 * verification says (a service-role caller is not a founder and is sent to
 * sign in); local sign-in, when the server offers it, lists the seeded
 * founders that have an auth user and asks the server for their token.
 */
export function createStudio(deps: MountDeps): Hono {
  const localSignIn: LocalSignIn | undefined = deps.localSignIn
    ? {
        founders: async () =>
          (
            await asService(deps.db, (tx) =>
              tx.query<{ slug: string; business_name: string | null; auth_user_id: string }>(
                `select slug, business_name, auth_user_id::text as auth_user_id from public.users
                  where auth_user_id is not null order by slug`,
              ),
            )
          ).map((r) => ({ slug: r.slug, businessName: r.business_name, authUserId: r.auth_user_id })),
        issueToken: (authUserId) => deps.issueLocalToken(authUserId),
      }
    : undefined;
  const studio = studioApp({
    db: deps.db,
    config: deps.config,
    localSignIn,
    founderOf: async (c) => {
      const caller = await deps.authenticate(c);
      return caller?.kind === 'founder'
        ? { userId: caller.userId, authUserId: caller.authUserId, slug: caller.slug }
        : null;
    },
  });
  // The server mounts a plain Hono app; the studio's own variables stay inside it.
  return new Hono().route('/', studio);
}
