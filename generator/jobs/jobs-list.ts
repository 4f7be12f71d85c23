import type { PgBoss } from 'pg-boss';
import type { Queryable } from '../db/database.ts';
import { errors } from '../errors.ts';
import type { ChangeKind } from './changes.ts';
import { BUILD_QUEUE, queueInstalled } from './queue.ts';
import { TRANSCRIPT_QUEUE } from './transcript-jobs.ts';

/**
 * What `dreamseed jobs` shows: recent build jobs with their state, attempts,
 * what changed, how long they took and their last error; and changes that
 * wait for a worker (recorded, no job yet: no worker has run here). Read
 * straight from pg-boss's table (12.38.0) and the change log, so it needs no
 * running worker. Run these on the connection's own role (the one pg-boss
 * uses and owns its schema with), not inside asService: the API roles have no
 * access to `pgboss`.
 */
export type JobState =
  | 'waiting for a worker'
  | 'debouncing'
  | 'waiting'
  | 'building'
  | 'retrying'
  | 'done'
  | 'skipped'
  | 'dead'
  | 'cancelled';

export interface JobView {
  id: string | null;
  user_id: string;
  slug: string | null;
  state: JobState;
  attempts: number;
  max_attempts: number | null;
  changes: Partial<Record<ChangeKind, string[]>>;
  created_at: Date;
  due_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  /** Wall time of the last attempt (started → finished). */
  duration_ms: number | null;
  /** The build's own time, when it built. */
  build_ms: number | null;
  error: string | null;
  published: string | null;
}

interface Row {
  id: string;
  user_id: string;
  slug: string | null;
  state: string;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: Record<string, unknown> | null;
  changes: { kind: ChangeKind; refs: string[] }[] | null;
  due: boolean;
}

export async function listJobs(
  tx: Queryable,
  options: { userId?: string | undefined; limit?: number } = {},
): Promise<JobView[]> {
  const limit = options.limit ?? 50;
  const waiting = await waitingForWorker(tx, options.userId);
  if (!(await queueInstalled(tx))) return waiting;
  const rows = await tx.query<Row>(
    `select j.id::text as id, j.singleton_key as user_id, u.slug, j.state::text as state, j.retry_count, j.retry_limit,
            j.created_on, j.start_after, j.started_on, j.completed_on, j.output,
            j.start_after > now() as due,
            coalesce((select json_agg(json_build_object('kind', c.kind, 'refs', c.refs) order by c.created_at)
                        from public.site_build_changes c
                       where c.job_id = j.id
                          or (c.job_id is null and j.state in ('created', 'retry') and c.user_id::text = j.singleton_key)),
                     '[]'::json) as changes
       from pgboss.job j
       left join public.users u on u.id::text = j.singleton_key
      where j.name = $1 and ($2::text is null or j.singleton_key = $2)
      order by j.created_on desc
      limit $3`,
    [BUILD_QUEUE, options.userId ?? null, limit],
  );
  return [...waiting, ...rows.map(view)];
}

function view(r: Row): JobView {
  const output = r.output ?? {};
  const build = output.build as { duration_ms?: number } | undefined;
  const publish = output.publish as { status?: string; deploy_id?: string; reasons?: string[] } | undefined;
  const state: JobState =
    r.state === 'created'
      ? r.due
        ? 'debouncing'
        : 'waiting'
      : r.state === 'active'
        ? 'building'
        : r.state === 'retry'
          ? 'retrying'
          : r.state === 'completed'
            ? output.skipped
              ? 'skipped'
              : 'done'
            : r.state === 'failed'
              ? 'dead'
              : 'cancelled';
  const started = r.started_on !== null;
  return {
    id: r.id,
    user_id: r.user_id,
    slug: r.slug,
    state,
    attempts: r.retry_count + (started && r.state !== 'retry' ? 1 : 0),
    max_attempts: r.retry_limit + 1,
    changes: groupChanges(r.changes ?? []),
    created_at: r.created_on,
    due_at: r.start_after,
    started_at: r.started_on,
    finished_at: r.completed_on,
    duration_ms:
      r.started_on && r.completed_on
        ? new Date(r.completed_on).getTime() - new Date(r.started_on).getTime()
        : null,
    build_ms: build?.duration_ms ?? null,
    error: r.state === 'failed' || r.state === 'retry' ? errorText(output) : null,
    published:
      publish?.status === 'published'
        ? `published ${publish.deploy_id}`
        : publish?.status === 'refused'
          ? `not published: ${(publish.reasons ?? []).join('; ')}`
          : publish?.status === 'already-live'
            ? 'already live'
            : publish?.status === 'preview-only'
              ? 'preview only (template version)'
              : null,
  };
}

function errorText(output: Record<string, unknown>): string | null {
  const message = output.message ?? (output.value as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : Object.keys(output).length ? JSON.stringify(output) : null;
}

function groupChanges(rows: { kind: ChangeKind; refs: string[] }[]): Partial<Record<ChangeKind, string[]>> {
  const out: Partial<Record<ChangeKind, string[]>> = {};
  for (const r of rows) out[r.kind] = [...new Set([...(out[r.kind] ?? []), ...r.refs])].sort();
  return out;
}

/** Changes recorded while pg-boss was not installed (no worker ever ran): no job yet. */
async function waitingForWorker(tx: Queryable, userId: string | undefined): Promise<JobView[]> {
  const installed = await queueInstalled(tx);
  const rows = await tx.query<{
    user_id: string;
    slug: string | null;
    created_at: Date;
    changes: { kind: ChangeKind; refs: string[] }[];
  }>(
    `select c.user_id::text as user_id, u.slug, min(c.created_at) as created_at,
            json_agg(json_build_object('kind', c.kind, 'refs', c.refs) order by c.created_at) as changes
       from public.site_build_changes c
       left join public.users u on u.id = c.user_id
      where c.job_id is null and ($1::text is null or c.user_id::text = $1)
      group by c.user_id, u.slug`,
    [userId ?? null],
  );
  // With the queue installed, waiting changes belong to a waiting job (shown with it), unless none exists.
  const withJob = installed
    ? new Set(
        (
          await tx.query<{ user_id: string }>(
            `select distinct singleton_key as user_id from pgboss.job where name = $1 and state in ('created', 'retry', 'active')`,
            [BUILD_QUEUE],
          )
        ).map((r) => r.user_id),
      )
    : new Set<string>();
  return rows
    .filter((r) => !withJob.has(r.user_id))
    .map((r) => ({
      id: null,
      user_id: r.user_id,
      slug: r.slug,
      state: 'waiting for a worker' as const,
      attempts: 0,
      max_attempts: null,
      changes: groupChanges(r.changes),
      created_at: r.created_at,
      due_at: null,
      started_at: null,
      finished_at: null,
      duration_ms: null,
      build_ms: null,
      error: null,
      published: null,
    }));
}

/** How much is left to do: jobs not finished (waiting, debouncing, retrying, running) and changes with no job. */
export async function queueState(tx: Queryable): Promise<{ open: number; waiting: number }> {
  const [waiting] = await tx.query<{ n: number }>(
    'select count(*)::int as n from public.site_build_changes where job_id is null',
  );
  if (!(await queueInstalled(tx))) return { open: 0, waiting: waiting?.n ?? 0 };
  const [open] = await tx.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job where name = $1 and state < 'completed'`,
    [BUILD_QUEUE],
  );
  return { open: open?.n ?? 0, waiting: waiting?.n ?? 0 };
}

/** A job (a site build or a transcript's processing) by full id or a unique prefix of at least 8 characters. */
export async function findJob(
  tx: Queryable,
  idOrPrefix: string,
): Promise<{ id: string; state: string; name: string }> {
  if (!/^[0-9a-f-]{8,36}$/i.test(idOrPrefix))
    throw errors.usage(
      `"${idOrPrefix}" is not a job id.`,
      'Give the id `dreamseed jobs` lists (at least its first 8 characters).',
    );
  const rows = (await queueInstalled(tx))
    ? await tx.query<{ id: string; state: string; name: string }>(
        `select id::text as id, state::text as state, name from pgboss.job
          where name in ($1, $3) and id::text like $2 limit 2`,
        [BUILD_QUEUE, `${idOrPrefix.toLowerCase()}%`, TRANSCRIPT_QUEUE],
      )
    : [];
  if (rows.length !== 1)
    throw rows.length
      ? errors.usage(`More than one job starts with ${idOrPrefix}.`, 'Give more of the id.')
      : errors.notFound('job', idOrPrefix, 'See `dreamseed jobs` for the ids.');
  return rows[0]!;
}

const STATE_NAMES: Record<string, string> = {
  created: 'waiting',
  retry: 'retrying',
  active: 'building',
  completed: 'done',
  cancelled: 'cancelled',
};

/** Only a dead job can be retried: any other is already on its way (or done). */
export function assertDead(job: { id: string; state: string }): void {
  if (job.state !== 'failed') throw errors.jobState(job.id, STATE_NAMES[job.state] ?? job.state);
}

/**
 * `dreamseed jobs retry ID`: one more attempt for a dead job (a build's changes are still its own;
 * a transcript job processes its call again).
 */
export async function retryDeadJob(boss: PgBoss, db: Queryable, idOrPrefix: string): Promise<string> {
  const job = await findJob(db, idOrPrefix);
  assertDead(job);
  await boss.retry(job.name, job.id);
  return job.id;
}
