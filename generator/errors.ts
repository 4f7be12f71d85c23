/**
 * The error catalogue. Every failure a user can meet is a named error with what
 * happened, why, and what to do. The CLI prints these (never a stack trace) and
 * maps `kind` to an exit code: `usage` → 2 (bad input), everything else → 1.
 */
export type ErrorKind = 'usage' | 'input' | 'database' | 'build' | 'external' | 'internal' | 'gate';

export interface ErrorDetails {
  /** Stable machine-readable code, e.g. `DB_LOCKED`. */
  code: string;
  kind: ErrorKind;
  message: string;
  /** What the user should do next. */
  hint?: string;
  /** Structured context (field paths, ids) for `--json` output. */
  data?: Record<string, unknown>;
  cause?: unknown;
}

export class DreamseedError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(details: ErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DreamseedError';
    this.code = details.code;
    this.kind = details.kind;
    this.hint = details.hint;
    this.data = details.data;
  }

  get exitCode(): number {
    return this.kind === 'usage' || this.kind === 'input' ? 2 : 1;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, kind: this.kind, message: this.message, hint: this.hint, data: this.data };
  }
}

export function isDreamseedError(error: unknown): error is DreamseedError {
  return error instanceof DreamseedError;
}

/** Named constructors: the one place messages are worded. */
export const errors = {
  usage: (message: string, hint?: string) =>
    new DreamseedError({ code: 'USAGE', kind: 'usage', message, hint: hint ?? 'Run `dreamseed --help`.' }),

  invalidInput: (what: string, issues: string[], hint: string, data?: Record<string, unknown>) =>
    new DreamseedError({
      code: 'INVALID_INPUT',
      kind: 'input',
      message: `${what} is invalid:\n${issues.map((i) => `  - ${i}`).join('\n')}`,
      hint,
      data: { ...data, issues },
    }),

  dbLocked: (dataDir: string, holder: string) =>
    new DreamseedError({
      code: 'DB_LOCKED',
      kind: 'database',
      message: `The embedded database at ${dataDir} is in use by ${holder}.`,
      hint: 'Wait for that process to finish (or stop it), or point DREAMSEED_DB at another directory.',
      data: { dataDir, holder },
    }),

  migrationEdited: (version: string, file: string) =>
    new DreamseedError({
      code: 'MIGRATION_EDITED',
      kind: 'database',
      message: `Migration ${file} was applied (version ${version}) and has since been edited.`,
      hint: 'Applied migrations are never edited: restore the file and put the change in a new migration. For a throwaway local database, `dreamseed db reset` starts over.',
      data: { version, file },
    }),

  migrationFailed: (file: string, cause: unknown) =>
    new DreamseedError({
      code: 'MIGRATION_FAILED',
      kind: 'database',
      message: `Migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}. Nothing of it was applied.`,
      hint: missingExtension(cause)
        ? `The server lacks the PostgreSQL extension "${missingExtension(cause)}" the schema needs. Supabase has it; on your own server install it (pgvector: the postgresql-<version>-pgvector package from the PostgreSQL apt repository), then run \`dreamseed db migrate\` again.`
        : 'Fix the SQL in that file (it has not been recorded as applied) and run `dreamseed db migrate` again.',
      data: { file },
      cause,
    }),

  /** Uploads that failed validation; the batch is all-or-nothing, so nothing was stored. */
  filesRefused: (refusals: { source: string; code: string; reason: string; hint: string }[], total: number) =>
    new DreamseedError({
      code: 'FILE_REFUSED',
      kind: 'input',
      message: `${refusals.length === total ? (total === 1 ? 'The file was' : `All ${total} files were`) : `${refusals.length} of ${total} files were`} refused, so nothing was stored:\n${refusals.map((r) => `  - ${r.source}: ${r.reason}`).join('\n')}`,
      hint: [...new Set(refusals.map((r) => r.hint))].join(' '),
      data: { refused: refusals },
    }),

  notFound: (what: string, id: string, hint: string) =>
    new DreamseedError({
      code: 'NOT_FOUND',
      kind: 'input',
      message: `No ${what} "${id}".`,
      hint,
      data: { id },
    }),

  toolMissing: (tool: string, purpose: string, install: string, data?: Record<string, unknown>) =>
    new DreamseedError({
      code: 'TOOL_MISSING',
      kind: 'external',
      message: `${tool} is needed ${purpose} and was not found on this machine. Nothing was measured.`,
      hint: install,
      data: { tool, ...data },
    }),

  publishRefused: (slug: string, reasons: string[], data?: Record<string, unknown>, hint?: string) =>
    new DreamseedError({
      code: 'PUBLISH_REFUSED',
      kind: 'gate',
      message: `${slug} was not published: ${reasons.length} thing${reasons.length === 1 ? '' : 's'} to fix first:\n${reasons.map((r) => `  - ${r}`).join('\n')}`,
      hint:
        hint ?? 'Fix these and publish again. An operator can override with --force (recorded as forced).',
      data: { ...data, reasons },
    }),

  deployFailed: (target: string, reason: string, stillLive: string | null, cause?: unknown) =>
    new DreamseedError({
      code: 'DEPLOY_FAILED',
      kind: 'external',
      message: `The ${target} deploy failed: ${reason}`,
      hint: stillLive
        ? `Nothing changed for visitors: deploy ${stillLive} is still live. Fix the cause and publish again.`
        : 'Nothing was live before, and nothing is now. Fix the cause and publish again.',
      data: { target, reason, stillLive },
      cause,
    }),

  deployLocked: (slug: string, holder: string) =>
    new DreamseedError({
      code: 'DEPLOY_LOCKED',
      kind: 'external',
      message: `Another publish or rollback of ${slug} is running (${holder}).`,
      hint: 'Wait for it to finish, then try again.',
      data: { slug, holder },
    }),

  netlifyTokenMissing: () =>
    new DreamseedError({
      code: 'NETLIFY_TOKEN_MISSING',
      kind: 'usage',
      message: 'Publishing to Netlify needs a Netlify access token, and NETLIFY_AUTH_TOKEN is not set.',
      hint: 'Create a personal access token at https://app.netlify.com/user/applications#personal-access-tokens and export NETLIFY_AUTH_TOKEN=<token>, or publish with --target local.',
    }),

  openaiKeyMissing: () =>
    new DreamseedError({
      code: 'OPENAI_KEY_MISSING',
      kind: 'usage',
      message: 'The OpenAI writer needs an API key, and OPENAI_API_KEY is not set.',
      hint: 'Export OPENAI_API_KEY=<key> (or point OPENAI_BASE_URL at an OpenAI-compatible server), or use --writer offline.',
    }),

  sectionProtected: (what: string, reason: string, hint: string) =>
    new DreamseedError({
      code: 'SECTION_STATE',
      kind: 'input',
      message: `${what}: ${reason}`,
      hint,
    }),
};

/** The extension a failed statement needed and the server does not have (`extension "vector" is not available`). */
function missingExtension(cause: unknown): string | null {
  const message = cause instanceof Error ? cause.message : String(cause);
  return /extension "([^"]+)" is not available/.exec(message)?.[1] ?? null;
}
