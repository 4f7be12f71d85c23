/**
 * The error catalogue's data: every code a DreamSeed error can carry, with its
 * kind, the HTTP status an API answers it with, and the text `docs/errors.md`
 * is generated from (`npm run docs:errors`). The messages themselves are worded
 * by the named constructors in `errors.ts`; a code is known only if it is here,
 * so an unknown one fails to compile. Astro's `errors-data.ts` is the model.
 */

/**
 * What each kind means, and the exit code the CLI gives it: `usage` and `input`
 * exit 2 (the command or its input must change); `gate`, `database`, `build` and
 * `external` exit 1 (the work was attempted and failed or was refused). The
 * `caller` kinds answer HTTP 4xx; the others 5xx, or 409 when another run holds
 * a lock or changed the thing meanwhile (a conflict: try again later).
 */
export const errorKinds = {
  usage: {
    exit: 2,
    caller: true,
    meaning:
      'The command was called wrongly: an unknown or missing option, a value out of range, a key it needs not set.',
  },
  input: {
    exit: 2,
    caller: true,
    meaning:
      'What the command was given cannot be used: invalid data, an id that does not exist, a file that is not an image, a section in the wrong state.',
  },
  gate: {
    exit: 1,
    caller: true,
    meaning:
      'The work ran and its result was refused by a quality gate (approvals, scores); fix what it lists and run again.',
  },
  database: {
    exit: 1,
    caller: false,
    meaning: 'The database could not be reached, locked, or migrated.',
  },
  build: {
    exit: 1,
    caller: false,
    meaning: 'Building or reading a built site failed.',
  },
  external: {
    exit: 1,
    caller: false,
    meaning:
      'A tool or service outside DreamSeed (Chromium, Java, netlify-cli, Supabase Storage, a deploy target) is missing, busy or failed.',
  },
} as const satisfies Record<string, { exit: 1 | 2; caller: boolean; meaning: string }>;

export type ErrorKind = keyof typeof errorKinds;

export interface CatalogueEntry {
  kind: ErrorKind;
  /** The status an HTTP API answers this error with (see `errorKinds` for the rule). */
  http: number;
  /** One line: what went wrong. */
  title: string;
  /** When it happens and why. */
  meaning: string;
  /**
   * What to do. An error whose advice is always the same carries exactly this as
   * its hint; where the advice depends on the case, this says what the hint covers.
   */
  hint: string;
}

export const catalogue = {
  USAGE: {
    kind: 'usage',
    http: 400,
    title: 'The command was called wrongly',
    meaning:
      'A flag or argument is missing, unknown, or out of range (for example `--to` naming fewer than 4 characters of a deploy id).',
    hint: 'Most say exactly what to change; the rest say: run `dreamseed --help`.',
  },
  INVALID_INPUT: {
    kind: 'input',
    http: 422,
    title: 'The input is invalid',
    meaning:
      'Data crossing a boundary (a DNA file, the configuration, section copy, a command option) failed validation. The message lists every issue with its field path; `data.issues` carries them for `--json`.',
    hint: 'Fix what the issues name; the hint says where (the file, the field or the option).',
  },
  NOT_FOUND: {
    kind: 'input',
    http: 404,
    title: 'No such thing',
    meaning:
      'An id or name given to a command (a founder, a website, a section, a revision, a template, a file) does not exist.',
    hint: 'The hint says how to list what exists (for example `dreamseed demo list` for founders).',
  },
  SECTION_STATE: {
    kind: 'input',
    http: 409,
    title: 'The section is not in a state that allows this',
    meaning:
      'A section action (approve, reject, restore) does not apply to the section as it is: it has no copy yet, or the revision is already current.',
    hint: 'The hint says what to do first (for example fill the section in with `dreamseed sections edit`).',
  },
  FILE_REFUSED: {
    kind: 'input',
    http: 422,
    title: 'Uploaded files were refused',
    meaning:
      'One or more files given to `dreamseed files add` failed validation (format, size, pixels, hidden markup, a damaged image). The batch is all-or-nothing, so nothing was stored. `data.refused` lists each file with its own reason code (`EMPTY`, `TOO_LARGE`, `NOT_AN_IMAGE`, …; see `generator/files/inspect.ts`).',
    hint: 'The hint gives the advice for each refused file (once per distinct advice): replace those files and add the batch again.',
  },
  MEDIA_UNREADABLE: {
    kind: 'input',
    http: 422,
    title: 'A media file cannot be used as an image',
    meaning: "A founder's logo or photo needed for the brand could not be read or decoded.",
    hint: 'Replace the file with a JPEG, PNG, WebP, AVIF or GIF image (`dreamseed files add` checks uploads), or remove it from the media.',
  },
  STORAGE_MISSING: {
    kind: 'input',
    http: 422,
    title: 'A stored file is missing',
    meaning: 'A media row points at a file the local store no longer has.',
    hint: 'Add the file again with `dreamseed files add`, or remove the media row with `dreamseed files remove`.',
  },
  FOUNDER_EXISTS: {
    kind: 'input',
    http: 409,
    title: 'The founder already exists',
    meaning:
      '`dreamseed founders add` was given the business name and e-mail (or no e-mail) of a founder who is already there; adding them again would make a second account for the same person.',
    hint: 'Use the existing founder (the message names its id and slug), or give a different --business-name or --email.',
  },
  CATALOGUE_NAME: {
    kind: 'input',
    http: 409,
    title: 'The template or section name cannot be used',
    meaning:
      '`dreamseed templates new` or `sections new` was given a name that is taken (a folder of that name exists) or not allowed (templates are kebab-case, section types snake_case, starting with a letter). Nothing was written.',
    hint: 'Choose another name: `dreamseed templates list` shows the templates, sections/ the section types.',
  },
  TRANSCRIPT_TARGET: {
    kind: 'input',
    http: 422,
    title: 'The transcript does not say whose call it is',
    meaning:
      'A VAPI end-of-call report posted to the transcript processor names no founder or call number (`call.metadata.dreamseed_user_id` and `call_number`), or names a founder who does not exist.',
    hint: 'Start calls with metadata {"dreamseed_user_id": "<user id>", "call_number": 1-4}, or add the transcript with `dreamseed transcripts add --user ID --call N FILE`.',
  },
  WEBHOOK_UNAUTHORIZED: {
    kind: 'input',
    http: 401,
    title: 'The webhook request is not signed with the shared secret',
    meaning:
      'A VAPI server message reached the transcript processor without the shared secret (X-Vapi-Secret, a Bearer token or an x-vapi-signature HMAC of the body), with a wrong one, or while no secret is configured (DREAMSEED_VAPI_SECRET). Nothing was stored.',
    hint: 'Set the same secret in VAPI (a Bearer Token or HMAC credential on the server URL) and in DREAMSEED_VAPI_SECRET.',
  },
  SEARCH_UNAVAILABLE: {
    kind: 'usage',
    http: 409,
    title: 'Transcript search cannot answer this way',
    meaning:
      "The founder's transcript passages were embedded by another model than the one this run would use (for example OpenAI embeddings while no OPENAI_API_KEY is set), so their vectors cannot be compared with the question's.",
    hint: 'Configure the model the passages were embedded with, or embed them again with `dreamseed transcripts vectorise --user ID`.',
  },
  NO_BUILD: {
    kind: 'input',
    http: 409,
    title: 'There is no build to publish',
    meaning: 'The website was never built, or its latest build folder has been removed.',
    hint: 'Build it: `dreamseed generate --user ID`.',
  },
  DEPLOY_GONE: {
    kind: 'input',
    http: 410,
    title: 'The deploy is no longer kept',
    meaning: 'A rollback named a deploy the local target has pruned (it keeps the last few).',
    hint: 'Pick one listed by `dreamseed deploys --user ID`, or publish the build again.',
  },
  NOTHING_TO_ROLL_BACK: {
    kind: 'input',
    http: 409,
    title: 'There is no earlier deploy',
    meaning: 'A rollback without `--to` found no deploy, other than the live one, that was ever live.',
    hint: 'See the history with `dreamseed deploys --user ID`.',
  },
  NETLIFY_SITE_MISSING: {
    kind: 'input',
    http: 409,
    title: 'The website has no Netlify site yet',
    meaning:
      'A Netlify action other than publishing (a rollback, a lookup) needs the Netlify site, which the first publish creates.',
    hint: 'Publish it once with --target netlify: the site is created then.',
  },
  NETLIFY_TOKEN_MISSING: {
    kind: 'usage',
    http: 400,
    title: 'No Netlify access token',
    meaning: 'Publishing to Netlify was asked for, and NETLIFY_AUTH_TOKEN is not set.',
    hint: 'Create a personal access token at https://app.netlify.com/user/applications#personal-access-tokens and export NETLIFY_AUTH_TOKEN=<token>, or publish with --target local.',
  },
  OPENAI_KEY_MISSING: {
    kind: 'usage',
    http: 400,
    title: 'No OpenAI API key',
    meaning: 'The OpenAI writer was asked for, and OPENAI_API_KEY is not set.',
    hint: 'Export OPENAI_API_KEY=<key> (or point OPENAI_BASE_URL at an OpenAI-compatible server), or use --writer offline.',
  },
  PUBLISH_REFUSED: {
    kind: 'gate',
    http: 422,
    title: 'The site was not published',
    meaning:
      'The publish gate found things to fix first: sections not approved, or quality scores (Lighthouse, accessibility, HTML, links, budgets) below the bar. `data` carries the reasons, the blocking approvals and the scores.',
    hint: 'Fix these and publish again. An operator can override with --force (recorded as forced).',
  },
  LINT_FAILED: {
    kind: 'gate',
    http: 422,
    title: 'Lint found errors',
    meaning:
      '`dreamseed templates lint` found errors in the templates or sections it checked. `data.findings` lists each one with its rule id, file, line and hint.',
    hint: 'Fix each finding (its hint says how) and run `dreamseed templates lint` again.',
  },
  DB_UNREACHABLE: {
    kind: 'database',
    http: 503,
    title: 'The PostgreSQL server cannot be reached',
    meaning:
      'DREAMSEED_DB names a PostgreSQL server that did not answer (down, wrong host or port, refused credentials).',
    hint: 'Check that the server is running and the URL in DREAMSEED_DB is right, or unset DREAMSEED_DB to use the embedded database.',
  },
  DB_LOCKED: {
    kind: 'database',
    http: 409,
    title: 'The embedded database is in use',
    meaning:
      'Another process holds the embedded (PGlite) database, which one process opens at a time, and does not share it; the command waited for it (DREAMSEED_DB_WAIT seconds, 600 by default) and gave up. `db reset` does not wait for a process that shares the database (a worker): it must stop first.',
    hint: 'Wait for that process to finish (or stop it), or point DREAMSEED_DB at another directory.',
  },
  DB_HOLDER_GONE: {
    kind: 'database',
    http: 503,
    title: 'The process sharing the embedded database went away',
    meaning:
      'The command was using the embedded database through the process that holds and shares it (a worker), and that process exited or was killed before it answered. A transaction that was open is rolled back; a statement outside a transaction may or may not have taken effect.',
    hint: 'Run the command again: it opens the database itself, or connects to the process that shares it now.',
  },
  DB_TRANSACTION_IDLE: {
    kind: 'database',
    http: 503,
    title: 'A transaction on the shared embedded database was idle too long',
    meaning:
      'While one process has a transaction open on the shared embedded database, every other process waits; a transaction that sent no statement for too long is rolled back so the others can go on.',
    hint: 'Run the command again. If it keeps happening, the command does slow work inside a transaction: report it.',
  },
  DB_NOT_MIGRATED: {
    kind: 'database',
    http: 503,
    title: 'The database is not migrated',
    meaning:
      'The database lacks tables, roles or columns this version of DreamSeed uses: it was never migrated (a new embedded database, made by the first command that opened it), or migrations added since it was last migrated are not applied. Found when a statement fails for want of them (or at the start of `worker` and `serve`); `data.pending` lists the migrations not applied.',
    hint: 'A database with no migrations applied: `dreamseed db reset` creates the schema and loads the demo founders (`dreamseed db migrate` the schema alone). Otherwise: `dreamseed db migrate` applies the rest.',
  },
  MIGRATION_EDITED: {
    kind: 'database',
    http: 500,
    title: 'An applied migration was edited',
    meaning: 'A migration file recorded as applied no longer matches the checksum it was applied with.',
    hint: 'Applied migrations are never edited: restore the file and put the change in a new migration. For a throwaway local database, `dreamseed db reset` starts over.',
  },
  MIGRATION_FAILED: {
    kind: 'database',
    http: 500,
    title: 'A migration failed',
    meaning: 'A migration statement failed; its transaction was rolled back, so nothing of it was applied.',
    hint: 'Fix the SQL in that file and run `dreamseed db migrate` again; when the server lacks an extension the schema needs (pgvector), the hint says how to install it.',
  },
  BUILD_FAILED: {
    kind: 'build',
    http: 500,
    title: 'The Astro build failed',
    meaning: "Astro failed while building the site's pages; the message carries Astro's own account.",
    hint: 'The previous build (if any) is untouched. Run with DREAMSEED_DEBUG=1 for details.',
  },
  BUILD_CHANGED: {
    kind: 'build',
    http: 409,
    title: 'The build changed while it was used',
    meaning:
      'The files of a build no longer match its manifest: another run rebuilt the site while it was being scored, checked or published. Scores are discarded; nothing is published.',
    hint: 'Score or publish again once the build has finished.',
  },
  TOOL_MISSING: {
    kind: 'external',
    http: 500,
    title: 'A tool is not installed',
    meaning:
      'A program the quality checks need (Chromium for Lighthouse and axe, Java for the Nu HTML Checker) was not found. Nothing was measured.',
    hint: 'The hint says how to install the tool, or which environment variable points at it (CHROMIUM_PATH, JAVA_HOME).',
  },
  DEPLOY_LOCKED: {
    kind: 'external',
    http: 409,
    title: 'Another publish of the site is running',
    meaning: 'A publish or rollback of the same website holds its lock.',
    hint: 'Wait for it to finish, then try again.',
  },
  DEPLOY_FAILED: {
    kind: 'external',
    http: 502,
    title: 'The deploy failed',
    meaning:
      'The deploy target (local or Netlify) failed to take the site; the deployment is recorded as failed with the reason.',
    hint: 'Fix the cause and publish again. The hint says which deploy is still live (nothing changed for visitors), or that nothing was live.',
  },
  NETLIFY_FAILED: {
    kind: 'external',
    http: 502,
    title: 'Netlify failed',
    meaning:
      "netlify-cli or the Netlify API refused or failed a request (site creation, a deploy, a lookup). `data.exitCode` is netlify-cli's exit code.",
    hint: 'Check NETLIFY_AUTH_TOKEN and the Netlify status page, then try again; when no site name was free, create the site in Netlify and store its id and name.',
  },
  STORAGE_UNREACHABLE: {
    kind: 'external',
    http: 503,
    title: 'Supabase Storage cannot be reached',
    meaning: 'The request to Supabase Storage got no answer (network, DNS, a wrong SUPABASE_URL).',
    hint: 'Check SUPABASE_URL and the network, then run the command again. Nothing was recorded.',
  },
  STORAGE_FAILED: {
    kind: 'external',
    http: 502,
    title: 'Supabase Storage refused a request',
    meaning: 'Supabase Storage answered with an HTTP error; `data.status` carries it.',
    hint: "Depends on the status: check the bucket name (400), set the project's service_role key (401, 403), create the bucket (404), raise the bucket's size limit or upload a smaller file (413), wait a minute (429), or try again in a moment (5xx).",
  },
  QUEUE_UNAVAILABLE: {
    kind: 'database',
    http: 503,
    title: 'The build queue could not start',
    meaning:
      'pg-boss, the build queue, could not install or open its schema (`pgboss`) in the database: the server refused the connection or the statements (privileges, a version other than the pinned one).',
    hint: 'Check that DREAMSEED_DB points at a database this role may create schemas in, then start the worker again.',
  },
  BUILD_PROCESS_FAILED: {
    kind: 'build',
    http: 500,
    title: 'The build process died',
    meaning:
      'The child process an automatic build runs in exited (killed, out of memory) or stopped answering before the build finished. The job is retried; the previous preview is untouched.',
    hint: 'If it keeps happening, lower DREAMSEED_BUILD_RECYCLE_RSS_MB or run builds in the worker with DREAMSEED_BUILD_RUNNER=inline, and look at the worker log.',
  },
  JOB_STATE: {
    kind: 'input',
    http: 409,
    title: 'The job cannot do that in its state',
    meaning:
      'Only a dead (failed) build job can be retried; a waiting, retrying or running job is already on its way.',
    hint: 'See `dreamseed jobs` for its state.',
  },
  AUTH_REQUIRED: {
    kind: 'input',
    http: 401,
    title: 'Sign in first',
    meaning:
      'An HTTP API or studio request carried no credentials: no `Authorization: Bearer` token and no `ds_access` cookie.',
    hint: "Send the founder's Supabase access token as `Authorization: Bearer <token>` (the platform sends the service role key and names the founder as user_id).",
  },
  AUTH_INVALID: {
    kind: 'input',
    http: 401,
    title: 'The access token was refused',
    meaning:
      'The token is malformed, unsigned (`alg: none`), signed with a key this server does not trust, tampered with, expired, not yet valid, or carries the wrong issuer or audience (it must be `authenticated`). The message names which.',
    hint: 'Sign in again to get a fresh token; check SUPABASE_URL / SUPABASE_JWKS_URL / SUPABASE_JWT_SECRET name the project that issued it.',
  },
  FORBIDDEN: {
    kind: 'input',
    http: 403,
    title: 'Not yours',
    meaning:
      "The caller is signed in but may not act on what it named: another founder's site or files, or an account with no founder profile.",
    hint: 'Leave user_id out (it means yourself), or sign in as that founder.',
  },
  BODY_TOO_LARGE: {
    kind: 'input',
    http: 413,
    title: 'The request body is too large',
    meaning:
      "The body passed the route's size limit (counted while it arrives, so nothing larger is buffered or stored).",
    hint: 'Send a smaller body; the message gives the limit.',
  },
  RATE_LIMITED: {
    kind: 'input',
    http: 429,
    title: 'Too many requests',
    meaning:
      'A founder made more model-costly requests (generation, uploads) in the window than the server allows (DREAMSEED_API_RATE_LIMIT per minute), protecting the model budget.',
    hint: 'Wait for the number of seconds in the Retry-After header, then try again.',
  },
  SERVER_FAILED: {
    kind: 'build',
    http: 500,
    title: 'The server failed',
    meaning:
      "Something went wrong inside the HTTP API that is not the caller's doing. The details are in the server's log, never in the answer.",
    hint: 'Try again; if it keeps happening, look at the output of `dreamseed serve`.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every code a DreamSeed error can carry. */
export type ErrorCode = keyof typeof catalogue;
