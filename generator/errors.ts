import type { z } from 'zod';
import {
  type CatalogueEntry,
  catalogue,
  type ErrorCode,
  type ErrorKind,
  errorKinds,
} from './error-catalogue.ts';

/**
 * The error catalogue. Every failure a user can meet is a named error with what
 * happened, why, and what to do. Its code is one of `error-catalogue.ts` (which
 * also gives its kind, HTTP status and docs: `docs/errors.md`), and the named
 * constructors below are the one place messages and hints are worded. The CLI
 * prints these (never a stack trace) and exits with the kind's code: `usage` and
 * `input` → 2 (bad usage or input); `gate`, `database`, `build` and `external`
 * → 1 (the work failed or was refused). A new error is a catalogue entry plus
 * its constructor here; a code without a constructor fails to compile.
 */
export type { ErrorCode, ErrorKind } from './error-catalogue.ts';

export interface ErrorDetails<C extends ErrorCode = ErrorCode> {
  /** Stable machine-readable code, e.g. `DB_LOCKED`; its kind comes from the catalogue. */
  code: C;
  message: string;
  /** What the user should do next. */
  hint?: string | undefined;
  /** Structured context (field paths, ids) for `--json` output. */
  data?: Record<string, unknown> | undefined;
  cause?: unknown;
}

export class DreamseedError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(details: ErrorDetails<C>) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DreamseedError';
    const entry = catalogue[details.code] as CatalogueEntry | undefined;
    if (!entry)
      throw new TypeError(`Unknown error code ${details.code}: add it to generator/error-catalogue.ts.`);
    this.code = details.code;
    this.kind = entry.kind;
    this.hint = details.hint;
    this.data = details.data;
  }

  get exitCode(): 1 | 2 {
    return errorKinds[this.kind].exit;
  }

  /** The status an HTTP API answers with. */
  get httpStatus(): number {
    return catalogue[this.code].http;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, kind: this.kind, message: this.message, hint: this.hint, data: this.data };
  }
}

export function isDreamseedError(error: unknown): error is DreamseedError {
  return error instanceof DreamseedError;
}

const make = <C extends ErrorCode>(code: C, details: Omit<ErrorDetails<C>, 'code'>) =>
  new DreamseedError({ code, ...details });

/** The catalogue's hint for a code whose advice never varies. */
const hintOf = (code: ErrorCode): string => catalogue[code].hint;

/** Where a build changed under a run, and what to run again. */
const BUILD_CHANGED_WHILE = {
  publishing: (dir: string) => ({
    message: `The build in ${dir} changed while it was being published: its files no longer match the ones checked.`,
    hint: 'Publish again once the build has finished.',
  }),
  checking: (slug: string) => ({
    message: `The build of ${slug} changed while it was being checked.`,
    hint: 'Publish again once the build has finished.',
  }),
  scoring: (dir: string) => ({
    message: `The site in ${dir} changed while it was being scored; the measurements are discarded.`,
    hint: 'Score it again once the build has finished.',
  }),
};

/** Why Supabase Storage refused a request, and what to do, by HTTP status. */
const STORAGE_ADVICE: Record<number, { why: string; hint: string }> = {
  400: {
    why: 'the request was refused as invalid',
    hint: 'Check the bucket name (DREAMSEED_STORAGE_BUCKET).',
  },
  401: {
    why: 'the key was not accepted',
    hint: "Set SUPABASE_SERVICE_ROLE_KEY to the project's service_role key (Project settings → API).",
  },
  403: {
    why: 'the key may not do this (a key other than service_role, or a bucket policy forbids it)',
    hint: "Set SUPABASE_SERVICE_ROLE_KEY to the project's service_role key, or allow the operation in the bucket's policies.",
  },
  404: {
    why: 'the bucket or object does not exist',
    hint: 'Create the bucket in the Supabase dashboard (Storage), or point DREAMSEED_STORAGE_BUCKET at an existing one.',
  },
  413: {
    why: "the file is larger than the bucket's upload limit",
    hint: "Raise the bucket's file size limit (Storage → bucket settings) or upload a smaller file.",
  },
  429: { why: 'too many requests', hint: 'Wait a minute and run the command again.' },
};

/**
 * A zod error as the lines an `invalidInput` error lists: `path: what is wrong`
 * (`(top level)` for the value itself; unknown keys named).
 */
/** For `z.preprocess`: an environment variable set to nothing (or spaces) counts as unset. */
export const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Environment variables read with a zod schema; invalid ones are one INVALID_INPUT naming each variable. */
export function parseEnvironment<T>(schema: z.ZodType<T>, env: unknown): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success)
    throw errors.invalidInput(
      'The environment',
      formatIssues(parsed.error),
      'Fix or unset the named variables.',
    );
  return parsed.data;
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(top level)';
    if (issue.code === 'unrecognized_keys') {
      return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    return `${path}: ${issue.message}`;
  });
}

/** A Supabase Storage request that failed: what it tried, on which object (`target` names it for people). */
export interface StorageRequest {
  action: string;
  bucket: string;
  path: string | null;
  target: string;
}

/** Named constructors: the one place messages are worded. */
export const errors = {
  usage: (message: string, hint?: string) =>
    make('USAGE', { message, hint: hint ?? 'Run `dreamseed --help`.' }),

  invalidInput: (what: string, issues: string[], hint: string, data?: Record<string, unknown>) =>
    make('INVALID_INPUT', {
      message: `${what} is invalid:\n${issues.map((i) => `  - ${i}`).join('\n')}`,
      hint,
      data: { ...data, issues },
    }),

  notFound: (what: string, id: string, hint: string) =>
    make('NOT_FOUND', { message: `No ${what} "${id}".`, hint, data: { id } }),

  sectionProtected: (what: string, reason: string, hint: string) =>
    make('SECTION_STATE', { message: `${what}: ${reason}`, hint }),

  /** Uploads that failed validation; the batch is all-or-nothing, so nothing was stored. */
  filesRefused: (refusals: { source: string; code: string; reason: string; hint: string }[], total: number) =>
    make('FILE_REFUSED', {
      message: `${refusals.length === total ? (total === 1 ? 'The file was' : `All ${total} files were`) : `${refusals.length} of ${total} files were`} refused, so nothing was stored:\n${refusals.map((r) => `  - ${r.source}: ${r.reason}`).join('\n')}`,
      hint: [...new Set(refusals.map((r) => r.hint))].join(' '),
      data: { refused: refusals },
    }),

  mediaUnreadable: (
    media: { asset: string; category: string; name: string; path: string | null | undefined },
    cause: unknown,
  ) =>
    make('MEDIA_UNREADABLE', {
      message: `The ${media.category} "${media.name}" (${media.path}) cannot be used as an image: ${reasonOf(cause)}`,
      hint: hintOf('MEDIA_UNREADABLE'),
      data: { asset: media.asset, path: media.path },
      cause,
    }),

  storageMissing: (file: string, bucket: string, path: string, cause: unknown) =>
    make('STORAGE_MISSING', {
      message: `The stored file ${file} is missing.`,
      hint: hintOf('STORAGE_MISSING'),
      data: { bucket, path },
      cause,
    }),

  founderExists: (businessName: string, id: string, slug: string) =>
    make('FOUNDER_EXISTS', {
      message: `A founder for "${businessName}" with that e-mail already exists: ${slug} (${id}).`,
      hint: hintOf('FOUNDER_EXISTS'),
      data: { id, slug },
    }),

  catalogueName: (kind: 'template' | 'section', name: string, problem: string) =>
    make('CATALOGUE_NAME', {
      message: `The ${kind} name "${name}" cannot be used: ${problem}. Nothing was written.`,
      hint: hintOf('CATALOGUE_NAME'),
      data: { kind, name },
    }),

  lintFailed: (errorCount: number, warningCount: number, findings: unknown[]) =>
    make('LINT_FAILED', {
      message: `Lint found ${errorCount} error${errorCount === 1 ? '' : 's'}${warningCount ? ` and ${warningCount} warning${warningCount === 1 ? '' : 's'}` : ''}.`,
      hint: hintOf('LINT_FAILED'),
      data: { findings },
    }),

  transcriptTarget: (problem: string) =>
    make('TRANSCRIPT_TARGET', {
      message: `The transcript cannot be filed: ${problem}.`,
      hint: hintOf('TRANSCRIPT_TARGET'),
    }),

  authRequired: () =>
    make('AUTH_REQUIRED', {
      message: "This needs a signed-in founder or the platform's service role: no credentials were sent.",
      hint: hintOf('AUTH_REQUIRED'),
    }),

  authInvalid: (reason: string) =>
    make('AUTH_INVALID', {
      message: `The access token was refused: ${reason}.`,
      hint: hintOf('AUTH_INVALID'),
    }),

  forbidden: (reason: string, hint?: string) =>
    make('FORBIDDEN', { message: reason, hint: hint ?? hintOf('FORBIDDEN') }),

  bodyTooLarge: (what: string, limitBytes: number) =>
    make('BODY_TOO_LARGE', {
      message: `${what} is larger than the limit of ${limitBytes} bytes; nothing was stored.`,
      hint: hintOf('BODY_TOO_LARGE'),
      data: { limit_bytes: limitBytes },
    }),

  rateLimited: (retryAfterSeconds: number) =>
    make('RATE_LIMITED', {
      message: `Too many model-costly requests: try again in ${retryAfterSeconds} s.`,
      hint: hintOf('RATE_LIMITED'),
      data: { retry_after_s: retryAfterSeconds },
    }),

  serverFailed: () =>
    make('SERVER_FAILED', {
      message: 'The server failed to answer this request.',
      hint: hintOf('SERVER_FAILED'),
    }),

  webhookUnauthorized: (reason: string) =>
    make('WEBHOOK_UNAUTHORIZED', {
      message: `The VAPI request was refused: ${reason}. Nothing was stored.`,
      hint: hintOf('WEBHOOK_UNAUTHORIZED'),
    }),

  searchUnavailable: (reason: string, hint?: string) =>
    make('SEARCH_UNAVAILABLE', {
      message: `Transcript search cannot answer: ${reason}.`,
      hint: hint ?? hintOf('SEARCH_UNAVAILABLE'),
    }),

  noBuild: (slug: string, buildDir: string | null, user: string) =>
    make('NO_BUILD', {
      message: buildDir
        ? `The latest build of ${slug} (${buildDir}) is gone.`
        : `${slug} has no build to publish.`,
      hint: `Build it: dreamseed generate --user ${user}`,
    }),

  deployGone: (deployId: string, keep: number) =>
    make('DEPLOY_GONE', {
      message: `Deploy ${deployId} is no longer on the local target (it keeps the last ${keep} deploys).`,
      hint: hintOf('DEPLOY_GONE'),
      data: { deployId },
    }),

  nothingToRollBack: (slug: string, live: { deploy_id: string | null } | null) =>
    make('NOTHING_TO_ROLL_BACK', {
      message: `${slug} has no earlier deploy to go back to${live ? ` (deploy ${live.deploy_id} is live)` : ''}.`,
      hint: hintOf('NOTHING_TO_ROLL_BACK'),
    }),

  netlifySiteMissing: (slug: string) =>
    make('NETLIFY_SITE_MISSING', {
      message: `${slug} has no Netlify site yet.`,
      hint: hintOf('NETLIFY_SITE_MISSING'),
    }),

  netlifyTokenMissing: () =>
    make('NETLIFY_TOKEN_MISSING', {
      message: 'Publishing to Netlify needs a Netlify access token, and NETLIFY_AUTH_TOKEN is not set.',
      hint: hintOf('NETLIFY_TOKEN_MISSING'),
    }),

  openaiKeyMissing: () =>
    make('OPENAI_KEY_MISSING', {
      message: 'The OpenAI writer needs an API key, and OPENAI_API_KEY is not set.',
      hint: hintOf('OPENAI_KEY_MISSING'),
    }),

  publishRefused: (slug: string, reasons: string[], data?: Record<string, unknown>, hint?: string) =>
    make('PUBLISH_REFUSED', {
      message: `${slug} was not published: ${reasons.length} thing${reasons.length === 1 ? '' : 's'} to fix first:\n${reasons.map((r) => `  - ${r}`).join('\n')}`,
      hint: hint ?? hintOf('PUBLISH_REFUSED'),
      data: { ...data, reasons },
    }),

  /** `where` names the server for people, its password redacted. */
  dbUnreachable: (where: string, cause: unknown) =>
    make('DB_UNREACHABLE', {
      message: `Cannot connect to PostgreSQL at ${where}: ${reasonOf(cause)}.`,
      hint: hintOf('DB_UNREACHABLE'),
      cause,
    }),

  /** `waitedMs`: how long the command waited for the holder before giving up (none: it did not wait). */
  dbLocked: (dataDir: string, holder: string, waitedMs?: number) =>
    make('DB_LOCKED', {
      message: `The embedded database at ${dataDir} is in use by ${holder}${waitedMs === undefined ? '' : `; waited ${Math.round(waitedMs / 1000)} s for it`}.`,
      hint:
        waitedMs === undefined
          ? hintOf('DB_LOCKED')
          : `${hintOf('DB_LOCKED')} DREAMSEED_DB_WAIT sets how many seconds to wait.`,
      data: { dataDir, holder, ...(waitedMs === undefined ? {} : { waitedMs }) },
    }),

  /** `holder` names the process that shared the database; `during` says what was under way. */
  dbHolderGone: (dataDir: string, holder: string, during: 'transaction' | 'statement' | 'idle') =>
    make('DB_HOLDER_GONE', {
      message: `${holder}, which shared the embedded database at ${dataDir}, went away${
        during === 'transaction'
          ? ' during a transaction; the transaction was rolled back'
          : during === 'statement'
            ? ' before answering; whether the last statement took effect is unknown'
            : ''
      }.`,
      hint: hintOf('DB_HOLDER_GONE'),
      data: { dataDir, holder, during },
    }),

  /** An error another dreamseed process made and sent over (the holder of the shared database), as it was. */
  relayed: (details: ErrorDetails) => make(details.code, details),

  dbTransactionIdle: (seconds: number) =>
    make('DB_TRANSACTION_IDLE', {
      message: `The transaction was rolled back: it sent no statement for ${seconds} s while other processes waited for the shared embedded database.`,
      hint: hintOf('DB_TRANSACTION_IDLE'),
      data: { seconds },
    }),

  /** `pending`: the migrations not applied, oldest first; `total`: how many migration files there are. */
  dbNotMigrated: (
    where: string,
    pending: { version: string; name: string }[],
    total: number,
    cause?: unknown,
  ) =>
    make('DB_NOT_MIGRATED', {
      message:
        pending.length === total
          ? `The database (${where}) has no schema yet: none of the ${total} migrations is applied.`
          : `The database (${where}) is behind this version of DreamSeed: ${pending.length} of ${total} migrations ${pending.length === 1 ? 'is' : 'are'} not applied (${pending.map((m) => `${m.version}_${m.name}`).join(', ')}).`,
      hint:
        pending.length === total
          ? 'Create it: `dreamseed db reset` (the schema and the demo founders), or `dreamseed db migrate` (the schema alone).'
          : 'Apply them: `dreamseed db migrate`.',
      data: { pending: pending.map((m) => m.version), total },
      ...(cause === undefined ? {} : { cause }),
    }),

  migrationEdited: (version: string, file: string) =>
    make('MIGRATION_EDITED', {
      message: `Migration ${file} was applied (version ${version}) and has since been edited.`,
      hint: hintOf('MIGRATION_EDITED'),
      data: { version, file },
    }),

  migrationFailed: (file: string, cause: unknown) =>
    make('MIGRATION_FAILED', {
      message: `Migration ${file} failed: ${reasonOf(cause)}. Nothing of it was applied.`,
      hint: missingExtension(cause)
        ? `The server lacks the PostgreSQL extension "${missingExtension(cause)}" the schema needs. Supabase has it; on your own server install it (pgvector: the postgresql-<version>-pgvector package from the PostgreSQL apt repository), then run \`dreamseed db migrate\` again.`
        : 'Fix the SQL in that file (it has not been recorded as applied) and run `dreamseed db migrate` again.',
      data: { file },
      cause,
    }),

  buildFailed: (slug: string, cause: unknown) =>
    make('BUILD_FAILED', {
      message: `The Astro build of ${slug} failed: ${reasonOf(cause)}`,
      hint: hintOf('BUILD_FAILED'),
      cause,
    }),

  /** `what` is the build folder (the site's slug while `checking`). */
  buildChanged: (during: keyof typeof BUILD_CHANGED_WHILE, what: string) =>
    make('BUILD_CHANGED', BUILD_CHANGED_WHILE[during](what)),

  toolMissing: (tool: string, purpose: string, install: string, data?: Record<string, unknown>) =>
    make('TOOL_MISSING', {
      message: `${tool} is needed ${purpose} and was not found on this machine. Nothing was measured.`,
      hint: install,
      data: { tool, ...data },
    }),

  deployLocked: (slug: string, holder: string) =>
    make('DEPLOY_LOCKED', {
      message: `Another publish or rollback of ${slug} is running (${holder}).`,
      hint: hintOf('DEPLOY_LOCKED'),
      data: { slug, holder },
    }),

  deployFailed: (target: string, reason: string, stillLive: string | null, cause?: unknown) =>
    make('DEPLOY_FAILED', {
      message: `The ${target} deploy failed: ${reason}`,
      hint: stillLive
        ? `Nothing changed for visitors: deploy ${stillLive} is still live. Fix the cause and publish again.`
        : 'Nothing was live before, and nothing is now. Fix the cause and publish again.',
      data: { target, reason, stillLive },
      cause,
    }),

  /** netlify-cli failed doing `what` (a site lookup, a restore). */
  netlifyFailed: (what: string, cause: Error & { exitCode: number | null }) =>
    make('NETLIFY_FAILED', {
      message: `Netlify ${what} failed: ${cause.message}`,
      hint: 'Check NETLIFY_AUTH_TOKEN and the Netlify status page, then try again.',
      data: { exitCode: cause.exitCode },
      cause,
    }),

  /** The publish stage says it was the deploy that failed; this is netlify-cli's own account of why. */
  netlifyDeployFailed: (cause: Error & { exitCode: number | null }) =>
    make('NETLIFY_FAILED', {
      message: `netlify-cli: ${cause.message}`,
      hint: 'Check NETLIFY_AUTH_TOKEN and the Netlify status page, then publish again.',
      data: { exitCode: cause.exitCode },
      cause,
    }),

  netlifyNameTaken: (name: string) =>
    make('NETLIFY_FAILED', {
      message: `Netlify refused to create a site named ${name} (and with a suffix).`,
      hint: 'Create the site in Netlify and store its id and name on generated_websites: deploy_remote = {"netlify": {"id": …, "name": …}}.',
    }),

  /** `url` is the Supabase project's; `detail` what the client said. */
  storageUnreachable: (request: StorageRequest, url: string, detail: string, cause: unknown) =>
    make('STORAGE_UNREACHABLE', {
      message: `Supabase Storage at ${url} could not be reached to ${request.action} ${request.target}: ${detail}.`,
      hint: hintOf('STORAGE_UNREACHABLE'),
      data: { action: request.action, bucket: request.bucket, path: request.path },
      cause,
    }),

  storageFailed: (request: StorageRequest, status: number, detail: string, cause: unknown) => {
    const advice =
      STORAGE_ADVICE[status] ??
      (status >= 500
        ? {
            why: 'Supabase Storage failed',
            hint: 'Try again in a moment; if it persists, check the project status.',
          }
        : { why: 'the request was refused', hint: 'Check the Supabase project settings.' });
    return make('STORAGE_FAILED', {
      message: `Supabase Storage refused to ${request.action} ${request.target} (HTTP ${status}: ${detail}): ${advice.why}.`,
      hint: advice.hint,
      data: { action: request.action, bucket: request.bucket, path: request.path, status },
      cause,
    });
  },

  /** `where` names the database for people (a URL without its password, or the data directory). */
  queueUnavailable: (where: string, cause: unknown) =>
    make('QUEUE_UNAVAILABLE', {
      message: `The build queue could not start on ${where}: ${reasonOf(cause)}.`,
      hint: hintOf('QUEUE_UNAVAILABLE'),
      cause,
    }),

  buildProcessFailed: (slug: string, how: string) =>
    make('BUILD_PROCESS_FAILED', {
      message: `The build process of ${slug} ${how} before the build finished.`,
      hint: hintOf('BUILD_PROCESS_FAILED'),
      data: { slug },
    }),

  jobState: (id: string, state: string) =>
    make('JOB_STATE', {
      message: `Build job ${id} is ${state}: only a dead (failed) job can be retried.`,
      hint: hintOf('JOB_STATE'),
      data: { id, state },
    }),
};

/**
 * An error crossing a process boundary (a build process, the page renderer),
 * sent over IPC as plain data: `errorPayload` on the child's side, `reviveError`
 * on the parent's, which gives back the same code, message, hint and data; a
 * code this side does not know becomes a plain Error with the message. Here,
 * because only this file makes a DreamseedError.
 */
export interface ErrorPayload {
  message: string;
  code?: string;
  hint?: string | undefined;
  data?: unknown;
}

export function errorPayload(error: unknown): ErrorPayload {
  return isDreamseedError(error)
    ? { message: error.message, code: error.code, hint: error.hint, data: error.data }
    : { message: error instanceof Error ? error.message : String(error) };
}

export function reviveError(error: ErrorPayload): Error {
  return error.code && error.code in catalogue
    ? new DreamseedError({
        code: error.code as ErrorCode,
        message: error.message,
        hint: error.hint,
        data: error.data as Record<string, unknown> | undefined,
      })
    : new Error(error.message);
}

// A catalogue code no constructor above makes fails to compile here, naming the code.
type Unmade = Exclude<ErrorCode, ReturnType<(typeof errors)[keyof typeof errors]>['code']>;
const everyCodeIsMade: [Unmade] extends [never] ? true : Unmade = true;
void everyCodeIsMade;

function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** The extension a failed statement needed and the server does not have (`extension "vector" is not available`). */
function missingExtension(cause: unknown): string | null {
  return /extension "([^"]+)" is not available/.exec(reasonOf(cause))?.[1] ?? null;
}
