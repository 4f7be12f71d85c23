import type { JobWithMetadata, PgBoss } from 'pg-boss';
import type { Database, Queryable } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import type { TranscriptConfig } from '../transcripts/transcript-config.ts';
import { ensureQueue, queueInstalled } from './queue.ts';
import type { JobSettings } from './settings.ts';
import { BUILD_CHANNEL } from './wake-up.ts';

/**
 * The second queue: processing stored consultation calls (extract → check →
 * vectorise → write facts through the `dna set` path, whose triggers then
 * request the site build). The transcript row is the source of truth: a call
 * whose `metadata.content_hash` differs from `metadata.processed_hash` is
 * pending (`processCall` sets `processed_hash`). A worker, when it starts, on
 * every sweep and whenever it is woken (`notifyTranscriptStored`), sends a job
 * for every pending call that has no open job and no dead job for the same
 * content, so a call stored while no worker ran is never lost, and a call
 * whose processing died is not retried forever (`dreamseed jobs retry ID`
 * gives it another attempt).
 *
 * `stately`, keyed by the transcript id: one waiting, one retrying and one
 * running job per call at most. Retries with backoff from the job settings;
 * a dead job (pg-boss `failed`) keeps the error as its output.
 */
export const TRANSCRIPT_QUEUE = 'transcript-process';

export interface TranscriptJobData {
  transcript_id: string;
  user_id: string;
  call: number;
  /** The content this job is for: a dead job is not sent again for the same content. */
  content_hash: string;
}

export interface TranscriptJobOutput {
  transcript_id: string;
  user_id: string;
  call: number;
  skipped: boolean;
  /** The DNA fields the call's facts were written to. */
  fields: string[];
  duration_ms: number;
}

/** Creates the transcript queue, or brings its options in line with the settings. */
export function ensureTranscriptQueue(boss: PgBoss, db: Queryable, settings: JobSettings): Promise<void> {
  return ensureQueue(boss, db, TRANSCRIPT_QUEUE, settings);
}

interface Pending {
  transcript_id: string;
  user_id: string;
  call: number;
  content_hash: string;
}

/** Stored calls not processed in their current content (read as the service role). */
export async function pendingTranscripts(db: Database): Promise<Pending[]> {
  return asService(db, (tx) =>
    tx.query<Pending>(
      `select id::text as transcript_id, user_id::text as user_id, call_number as call,
              metadata->>'content_hash' as content_hash
         from public.transcripts_raw
        where metadata ? 'content_hash'
          and metadata->>'content_hash' is distinct from metadata->>'processed_hash'
        order by created_at, call_number`,
    ),
  );
}

/**
 * Transcripts with an open job, and (transcript, content) pairs whose job is dead. On the
 * connection's own role: the API roles have no access to `pgboss`.
 */
async function jobsOf(db: Queryable): Promise<{ open: Set<string>; dead: Set<string> }> {
  const rows = (await queueInstalled(db))
    ? await db.query<{ key: string; hash: string | null; open: boolean }>(
        `select singleton_key as key, data->>'content_hash' as hash, state < 'completed' as open
           from pgboss.job where name = $1 and (state < 'completed' or state = 'failed')`,
        [TRANSCRIPT_QUEUE],
      )
    : [];
  return {
    open: new Set(rows.filter((r) => r.open).map((r) => r.key)),
    dead: new Set(rows.filter((r) => !r.open).map((r) => `${r.key}:${r.hash}`)),
  };
}

/** Pending calls that no job will take: no open job, and not dead in this content. */
export async function unqueuedTranscripts(db: Database): Promise<Pending[]> {
  const pending = await pendingTranscripts(db);
  if (!pending.length) return [];
  const { open, dead } = await jobsOf(db);
  return pending.filter(
    (p) => !open.has(p.transcript_id) && !dead.has(`${p.transcript_id}:${p.content_hash}`),
  );
}

/** Sends a job for every pending call no job will take; returns how many were sent. */
export async function enqueuePendingTranscripts(boss: PgBoss, db: Database): Promise<number> {
  let sent = 0;
  for (const p of await unqueuedTranscripts(db)) {
    const data: TranscriptJobData = { ...p };
    const id = await boss.send(TRANSCRIPT_QUEUE, data, { singletonKey: p.transcript_id });
    if (id) sent++;
  }
  return sent;
}

/** How much transcript work is left: pending calls no job will take yet, and open jobs. */
export async function transcriptQueueState(db: Database): Promise<{ open: number; waiting: number }> {
  const waiting = (await unqueuedTranscripts(db)).length;
  if (!(await queueInstalled(db))) return { open: 0, waiting };
  const [open] = await db.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job where name = $1 and state < 'completed'`,
    [TRANSCRIPT_QUEUE],
  );
  return { open: open?.n ?? 0, waiting };
}

/**
 * Tells a running worker a call was stored: the NOTIFY its build wake-up already listens to
 * (wake-up.ts), due now; the worker then sweeps for pending calls. Best effort: without a
 * listener (or where the connection cannot notify) the worker's next sweep finds the call.
 */
export async function notifyTranscriptStored(db: Queryable, transcriptId: string): Promise<void> {
  await db
    .query('select pg_notify($1, $2)', [
      BUILD_CHANNEL,
      JSON.stringify({ due_ms: Date.now(), transcript_id: transcriptId }),
    ])
    .catch(() => undefined);
}

/** One job: `processCall` for the call (its facts go through the DNA write path, which requests the build). */
export async function runTranscriptJob(
  db: Database,
  job: JobWithMetadata<TranscriptJobData>,
  config: TranscriptConfig,
): Promise<TranscriptJobOutput> {
  const started = Date.now();
  const { processCall } = await import('../transcripts/process-transcript.ts');
  const { user_id, call, transcript_id } = job.data;
  const result = await processCall(db, user_id, call, { config });
  return {
    transcript_id,
    user_id,
    call,
    skipped: result.skipped,
    fields: Object.keys(result.write?.values ?? {}).sort(),
    duration_ms: Date.now() - started,
  };
}

export type TranscriptJobState =
  | 'waiting for a worker'
  | 'waiting'
  | 'processing'
  | 'retrying'
  | 'done'
  | 'dead'
  | 'cancelled';

/** What `dreamseed jobs` shows of the transcript queue (read on the connection's own role, as listJobs). */
export interface TranscriptJobView {
  id: string | null;
  user_id: string;
  slug: string | null;
  call: number;
  state: TranscriptJobState;
  attempts: number;
  max_attempts: number | null;
  created_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  fields: string[];
  error: string | null;
}

const STATES: Record<string, TranscriptJobState> = {
  created: 'waiting',
  retry: 'retrying',
  active: 'processing',
  completed: 'done',
  failed: 'dead',
  cancelled: 'cancelled',
};

export async function listTranscriptJobs(
  db: Database,
  options: { userId?: string | undefined; limit?: number } = {},
): Promise<TranscriptJobView[]> {
  const waiting: TranscriptJobView[] = (await unqueuedTranscripts(db))
    .filter((p) => !options.userId || p.user_id === options.userId)
    .map((p) => ({
      id: null,
      user_id: p.user_id,
      slug: null,
      call: p.call,
      state: 'waiting for a worker',
      attempts: 0,
      max_attempts: null,
      created_at: new Date(),
      finished_at: null,
      duration_ms: null,
      fields: [],
      error: null,
    }));
  if (!(await queueInstalled(db))) return waiting;
  const rows = await db.query<{
    id: string;
    data: TranscriptJobData;
    slug: string | null;
    state: string;
    retry_count: number;
    retry_limit: number;
    created_on: Date;
    started_on: Date | null;
    completed_on: Date | null;
    output: Record<string, unknown> | null;
  }>(
    `select j.id::text as id, j.data, u.slug, j.state::text as state, j.retry_count, j.retry_limit,
            j.created_on, j.started_on, j.completed_on, j.output
       from pgboss.job j left join public.users u on u.id::text = j.data->>'user_id'
      where j.name = $1 and ($2::text is null or j.data->>'user_id' = $2)
      order by j.created_on desc limit $3`,
    [TRANSCRIPT_QUEUE, options.userId ?? null, options.limit ?? 50],
  );
  return [
    ...waiting,
    ...rows.map((r): TranscriptJobView => {
      const output = r.output ?? {};
      const started = r.started_on !== null;
      const failed = r.state === 'failed' || r.state === 'retry';
      const message = output.message ?? (output.value as { message?: unknown } | undefined)?.message;
      return {
        id: r.id,
        user_id: r.data.user_id,
        slug: r.slug,
        call: r.data.call,
        state: STATES[r.state] ?? 'cancelled',
        attempts: r.retry_count + (started && r.state !== 'retry' ? 1 : 0),
        max_attempts: r.retry_limit + 1,
        created_at: r.created_on,
        finished_at: r.completed_on,
        duration_ms:
          r.started_on && r.completed_on
            ? new Date(r.completed_on).getTime() - new Date(r.started_on).getTime()
            : null,
        fields: Array.isArray(output.fields) ? (output.fields as string[]) : [],
        error: failed ? (typeof message === 'string' ? message : JSON.stringify(output)) : null,
      };
    }),
  ];
}
