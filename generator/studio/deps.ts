import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { DeployDriver } from '../deploy/driver.ts';
import type { Scorer } from '../score/scorer.ts';
import type { Writer } from '../writers/writer.ts';

/**
 * What the studio needs from the server that mounts it (generator/server):
 * the database, the configuration, and who the request is from. The studio
 * never verifies a token itself: `founderOf` is the server's authentication
 * (the same verification path as the API), and `localSignIn`, only offered
 * with the embedded database and no Supabase project, issues a token through
 * that same path.
 */
export interface StudioFounder {
  /** `users.id`. */
  userId: string;
  /** `auth.users` id: every founder query runs as this user under Row Level Security. */
  authUserId: string;
  slug: string;
}

export interface LocalSignIn {
  /** The seeded founders who can sign in locally. */
  founders(): Promise<{ slug: string; businessName: string | null; authUserId: string }[]>;
  /** A token for this auth user, verified later by `founderOf` (signed with the local secret). */
  issueToken(authUserId: string): Promise<string>;
}

export interface StudioDeps {
  db: Database;
  config: Config;
  founderOf(c: Context): Promise<StudioFounder | null> | StudioFounder | null;
  localSignIn?: LocalSignIn | undefined;
  /** Where the studio is mounted (default `/studio`): links and cookie paths use it. */
  base?: string | undefined;
  /** The cookie holding the access token (the server's; default `ds_access`). */
  cookieName?: string | undefined;
  /** Secret for the per-session CSRF token; default: random per process. */
  csrfSecret?: string | undefined;
  /** Tests only: stand-ins for the copy writer, deploy driver and scorer (default: the configured ones). */
  writer?: Writer | undefined;
  driver?: DeployDriver | undefined;
  scorer?: Scorer | undefined;
}

/** The Hono environment of studio routes: the signed-in founder and their CSRF token. */
export interface StudioEnv {
  Variables: { founder: StudioFounder; csrf: string };
}

export const DEFAULT_COOKIE = 'ds_access';

/**
 * What the server gives a studio it mounts (generator/server/app.ts `StudioDeps`), declared here by
 * shape so the studio does not import from the server: its token verification (`authenticate`, which
 * reads `Authorization: Bearer` or the `ds_access` cookie), and the local token issuer when local
 * sign-in is offered.
 */
export interface MountDeps {
  db: Database;
  config: Config;
  localSignIn: boolean;
  issueLocalToken(authUserId: string): Promise<string>;
  authenticate(
    c: Context,
  ): Promise<
    { kind: 'founder'; userId: string; authUserId: string; slug: string } | { kind: 'service' } | null
  >;
}
