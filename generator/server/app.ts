import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { type Config, loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { errors } from '../errors.ts';
import { type AuthSettings, localSignInAllowed, readAuthEnv } from './auth/auth-settings.ts';
import { type AuthRuntime, authenticate } from './auth/authenticate.ts';
import { issueLocalToken } from './auth/issue-local-token.ts';
import { loadLocalSecret } from './auth/local-secret.ts';
import { tokenVerifier } from './auth/verify-token.ts';
import type { BuildQueue } from './build-queue.ts';
import type { AppEnv } from './env.ts';
import { errorResponse, toDreamseedError, validationError } from './error-response.ts';
import { mountOpenApiDocument } from './openapi.ts';
import { mountPreviews } from './previews.ts';
import { rateLimiter } from './rate-limit.ts';
import { registerFileUpload } from './routes/file-upload.ts';
import { registerHealth } from './routes/health.ts';
import { registerSaveDomain } from './routes/save-domain.ts';
import { registerTranscriptProcessor } from './routes/transcript-processor.ts';
import { registerWebsiteGenerator } from './routes/website-generator.ts';

/**
 * The HTTP server's app: the specification's API under /api (zod-validated, documented at
 * /api/openapi.json from the same schemas), previews of built sites under /preview/<slug>/, and the
 * studio under /studio when one is given (`/` then redirects there).
 */
export interface AppDeps {
  db: Database;
  /** Default: loadConfig(). */
  config?: Config;
  /** Default: from the environment (auth-settings.ts), with local sign-in on the embedded database. */
  auth?: AuthSettings;
  /** The studio: a Hono app mounted at /studio, built from what the app gives it. */
  studio?: (deps: StudioDeps) => Hono;
  /** How builds are queued (default: the change log + pg-boss job through request_site_build). */
  queue?: BuildQueue;
  /** Model-costly requests per founder per minute (default DREAMSEED_API_RATE_LIMIT or 20). */
  rateLimitPerMinute?: number;
  /** Largest upload in bytes (default: the files module's limit). */
  uploadLimitBytes?: number;
  /** Server log lines (service calls, our errors); default stderr. */
  log?: (line: string) => void;
  version?: string;
}

/** What the studio sub-app gets. */
export interface StudioDeps {
  db: Database;
  config: Config;
  auth: AuthRuntime;
  /** Local sign-in (embedded database, no Supabase project): tokens from `issueLocalToken`. */
  localSignIn: boolean;
  /** Signs a local token for a founder's auth user id (only when localSignIn). */
  issueLocalToken: (authUserId: string) => Promise<string>;
  authenticate: typeof authenticate;
  log: (line: string) => void;
}

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const config = deps.config ?? loadConfig();
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const settings = deps.auth ?? defaultAuthSettings(deps.db, config);
  const auth: AuthRuntime = { db: deps.db, settings, verify: tokenVerifier(settings) };
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, validationError(result.target, result.error));
    },
  });

  app.use('*', async (c, next) => {
    c.set('auth', auth);
    c.set('db', deps.db);
    c.set('config', config);
    await next();
  });
  app.onError((error, c) => {
    const refusal = toDreamseedError(error, log);
    const response = errorResponse(c, refusal);
    const retry = refusal.data?.retry_after_s;
    if (typeof retry === 'number') response.headers.set('Retry-After', String(retry));
    if (refusal.code === 'AUTH_REQUIRED' || refusal.code === 'AUTH_INVALID')
      response.headers.set('WWW-Authenticate', 'Bearer realm="dreamseed"');
    return response;
  });
  app.notFound((c) =>
    errorResponse(
      c,
      errors.notFound('route', `${c.req.method} ${new URL(c.req.url).pathname}`, 'See /api/openapi.json.'),
    ),
  );

  const limiter = rateLimiter(deps.rateLimitPerMinute ?? rateLimitFromEnv());
  const routeDeps = {
    log,
    config,
    limiter,
    queue: deps.queue,
    uploadLimitBytes: deps.uploadLimitBytes,
    version: deps.version ?? process.env.npm_package_version ?? '0.1.0',
  };
  registerHealth(app, routeDeps);
  registerWebsiteGenerator(app, routeDeps);
  registerFileUpload(app, routeDeps);
  registerTranscriptProcessor(app, routeDeps);
  registerSaveDomain(app, routeDeps);
  mountOpenApiDocument(app, routeDeps.version);
  mountPreviews(app, config);

  if (deps.studio) {
    const localSignIn = settings.localSecret !== undefined;
    const studio = deps.studio({
      db: deps.db,
      config,
      auth,
      localSignIn,
      issueLocalToken: (authUserId) => {
        if (!localSignIn)
          throw errors.forbidden('Local sign-in is off: this server uses a Supabase project.');
        return issueLocalToken(authUserId, { stateDir: config.stateDir });
      },
      authenticate,
      log,
    });
    app.route('/studio', studio);
    app.get('/', (c) => c.redirect('/studio', 302));
  }
  return app;
}

/** The environment's auth settings, with the local secret when local sign-in applies. */
export function defaultAuthSettings(db: Database, config: Config): AuthSettings {
  const env = readAuthEnv();
  return {
    ...env,
    localSecret: localSignInAllowed(env, db.kind) ? loadLocalSecret(config.stateDir) : undefined,
  };
}

function rateLimitFromEnv(): number {
  const raw = process.env.DREAMSEED_API_RATE_LIMIT;
  if (raw === undefined || raw === '') return 20;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw errors.invalidInput(
      'The environment',
      [`DREAMSEED_API_RATE_LIMIT: must be a whole number from 1 to 100000, not "${raw}"`],
      'Fix or unset it.',
    );
  return n;
}
