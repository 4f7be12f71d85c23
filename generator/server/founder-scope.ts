import type { Context, MiddlewareHandler } from 'hono';
import { asService } from '../db/roles.ts';
import { errors } from '../errors.ts';
import { authenticateRequest, type Caller } from './auth/authenticate.ts';
import type { AppEnv } from './env.ts';

/**
 * Founder routes: the caller must authenticate (401 otherwise, 403 for an account with no
 * founder), and what a request acts on is resolved here, once:
 *
 * - a founder token acts on the founder itself; a `user_id` naming anyone else is refused (403);
 * - the service role (the platform's backend) must name the founder as `user_id` (422 without it,
 *   404 when there is no such founder), and every such call is logged as a service call.
 *
 * Handlers then run founder work as that founder under Row Level Security (`asFounder`, with
 * `authUserId`), so a bug in a handler still cannot touch another tenant's rows; service calls run as
 * the service role, scoped to the named founder by the handler.
 */
export interface Acting {
  userId: string;
  slug: string;
  /** The founder's auth.users id; null for a founder without one (service calls only). */
  authUserId: string | null;
  caller: Caller;
}

export function requireCaller(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const outcome = await authenticateRequest(c);
    if ('refusal' in outcome) throw outcome.refusal;
    c.set('caller', outcome.caller);
    await next();
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The founder a request acts on (see above); `userId` is the body's or query's `user_id`. */
export async function actingFounder(
  c: Context<AppEnv>,
  userId: string | undefined,
  log: (line: string) => void,
): Promise<Acting> {
  const caller = c.get('caller');
  if (caller.kind === 'founder') {
    if (userId !== undefined && userId.toLowerCase() !== caller.userId)
      throw errors.forbidden(
        `user_id ${userId} is not you: a founder may act only on their own site.`,
        'Leave user_id out (it means yourself).',
      );
    return { userId: caller.userId, slug: caller.slug, authUserId: caller.authUserId, caller };
  }
  if (userId === undefined)
    throw errors.invalidInput(
      'The request',
      ['user_id: the service role must name the founder (their users.id)'],
      'Add "user_id" to the body (or the query for multipart uploads).',
    );
  if (!UUID.test(userId))
    throw errors.invalidInput(
      'The request',
      ['user_id: must be a users.id (a UUID)'],
      'Send the founder’s users.id.',
    );
  const rows = await asService(c.get('db'), (tx) =>
    tx.query<{ id: string; slug: string; auth_user_id: string | null }>(
      'select id, slug, auth_user_id from public.users where id = $1',
      [userId],
    ),
  );
  const founder = rows[0];
  if (!founder) throw errors.notFound('founder', userId, 'Name an existing founder’s users.id as user_id.');
  log(
    `service call: ${c.req.method} ${new URL(c.req.url).pathname} for founder ${founder.slug} (${founder.id})`,
  );
  return { userId: founder.id, slug: founder.slug, authUserId: founder.auth_user_id, caller };
}
