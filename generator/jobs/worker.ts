import type { JobWithMetadata } from 'pg-boss';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import type { TranscriptConfig } from '../transcripts/transcript-config.ts';
import { type BuildJobContext, type BuildJobData, type BuildJobOutput, runBuildJob } from './build-job.ts';
import { enqueueWaiting } from './changes.ts';
import { queueState } from './jobs-list.ts';
import { BUILD_QUEUE, ensureBuildQueue, openBoss, setDebounce } from './queue.ts';
import type { BuildRunner } from './runner.ts';
import type { JobSettings } from './settings.ts';
import {
  enqueuePendingTranscripts,
  ensureTranscriptQueue,
  runTranscriptJob,
  TRANSCRIPT_QUEUE,
  type TranscriptJobData,
  type TranscriptJobOutput,
  transcriptQueueState,
} from './transcript-jobs.ts';
import { wakeOnRequests } from './wake-up.ts';

/**
 * A build worker: `concurrency` build slots on the `site-build` queue, each
 * with its own runner. It installs or updates the queue, turns changes that
 * were recorded without a job (no worker had ever run, or one died) into
 * jobs, wakes as soon as the database announces a build request (LISTEN
 * where the connection allows it; polling otherwise), and renews each job's
 * lease while it builds. `untilIdle` stops once nothing is waiting, retrying,
 * running or debouncing anywhere in the queue; `stop()` (SIGTERM) lets a
 * running build finish within the stop timeout, else hands its job back.
 *
 * It also works the `transcript-process` queue (transcript-jobs.ts) with one
 * slot: stored calls not yet processed become jobs (at start, on every sweep,
 * and when woken by a NOTIFY), each processed into DNA facts, whose write
 * requests the site build the build slots then run.
 */
export interface WorkerOptions {
  db: Database;
  /** The PostgreSQL URL, when the database is a server (pg-boss opens its own connections to it). */
  url?: string | undefined;
  settings: JobSettings;
  concurrency: number;
  untilIdle: boolean;
  makeRunner: (slot: number) => BuildRunner;
  config: Config;
  publish?: BuildJobContext['publish'];
  /** Store this debounce window as the queue's (every trigger then uses it). */
  debounceMs?: number | undefined;
  log?: (line: string) => void;
  /** The transcript module's settings; unset, read from the environment for each job (a bad one fails that job). */
  transcriptConfig?: TranscriptConfig | undefined;
}

export interface WorkerSummary {
  builds: number;
  skipped: number;
  failures: number;
  recycled: number;
  /** Calls processed into DNA facts (transcript-process jobs done), and failed attempts at it. */
  transcripts: number;
  transcript_failures: number;
}

export interface RunningWorker {
  /** Resolves when the worker has stopped (idle with `untilIdle`, or after stop()). */
  done: Promise<WorkerSummary>;
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { db, settings } = options;
  const log = options.log ?? (() => {});
  const boss = await openBoss(db, {
    supervise: true,
    settings,
    url: options.url,
    onError: (error) => log(`queue: ${error.message}`),
  });
  await ensureBuildQueue(boss, db, settings);
  await ensureTranscriptQueue(boss, db, settings);
  if (options.debounceMs !== undefined) await setDebounce(db, options.debounceMs);
  const summary: WorkerSummary = {
    builds: 0,
    skipped: 0,
    failures: 0,
    recycled: 0,
    transcripts: 0,
    transcript_failures: 0,
  };
  const runners: BuildRunner[] = [];
  const ids: string[] = [];
  let running = 0;
  let stopping: Promise<void> | null = null;
  const wake = () => {
    for (const id of ids) boss.notifyWorker(id);
  };

  const adopted = await asService(db, (tx) => enqueueWaiting(tx));
  if (adopted) log(`queued ${adopted} site${adopted === 1 ? '' : 's'} with changes waiting from before`);
  const calls = await enqueuePendingTranscripts(boss, db);
  if (calls) log(`queued ${calls} stored call${calls === 1 ? '' : 's'} not yet processed`);

  for (let slot = 0; slot < options.concurrency; slot++) {
    const runner = options.makeRunner(slot);
    runners.push(runner);
    const context: BuildJobContext = { db, runner, config: options.config, publish: options.publish };
    ids.push(
      await boss.work<
        BuildJobData,
        BuildJobOutput,
        { pollingIntervalSeconds: number; batchSize: 1; includeMetadata: true }
      >(
        BUILD_QUEUE,
        { pollingIntervalSeconds: settings.pollSeconds, batchSize: 1, includeMetadata: true },
        async ([job]: JobWithMetadata<BuildJobData>[]) => {
          running++;
          const attempt = `attempt ${job!.retryCount + 1} of ${job!.retryLimit + 1}`;
          try {
            const output = await runBuildJob(context, job!);
            if (output.skipped) summary.skipped++;
            else summary.builds++;
            log(describeDone(job!.id, output, attempt));
            return output;
          } catch (error) {
            summary.failures++;
            const last = job!.retryCount >= job!.retryLimit;
            log(
              `✗ ${job!.data.user_id} ${attempt} failed: ${error instanceof Error ? error.message : String(error)}${last ? ' (dead: no attempts left)' : ' (will retry)'}`,
            );
            throw error;
          } finally {
            running--;
            summary.recycled = runners.reduce((n, r) => n + r.stats().recycled, 0);
            // Fetch the next due job at once instead of waiting out the poll interval.
            setImmediate(wake);
          }
        },
      ),
    );
  }
  ids.push(
    await boss.work<
      TranscriptJobData,
      TranscriptJobOutput,
      { pollingIntervalSeconds: number; batchSize: 1; includeMetadata: true }
    >(
      TRANSCRIPT_QUEUE,
      { pollingIntervalSeconds: settings.pollSeconds, batchSize: 1, includeMetadata: true },
      async ([job]: JobWithMetadata<TranscriptJobData>[]) => {
        running++;
        const { user_id, call } = job!.data;
        const attempt = `attempt ${job!.retryCount + 1} of ${job!.retryLimit + 1}`;
        try {
          const config =
            options.transcriptConfig ??
            (await import('../transcripts/transcript-config.ts')).loadTranscriptConfig();
          const output = await runTranscriptJob(db, job!, config);
          summary.transcripts++;
          log(
            output.skipped
              ? `· call ${call} of ${user_id} was processed already job ${job!.id.slice(0, 8)}`
              : `✓ call ${call} of ${user_id} processed in ${output.duration_ms} ms: ${output.fields.length} DNA fields written${output.fields.length ? ` (${output.fields.join(', ')})` : ''} job ${job!.id.slice(0, 8)} ${attempt}`,
          );
          return output;
        } catch (error) {
          summary.transcript_failures++;
          const last = job!.retryCount >= job!.retryLimit;
          log(
            `✗ call ${call} of ${user_id} ${attempt} failed: ${error instanceof Error ? error.message : String(error)}${last ? ' (dead: no attempts left)' : ' (will retry)'}`,
          );
          throw error;
        } finally {
          running--;
          setImmediate(wake);
        }
      },
    ),
  );
  // A NOTIFY (a build requested, a call stored): look for stored calls at once, then wake the slots.
  const onRequest = () => {
    void sweepCalls()
      .catch((error: Error) => log(`queue: ${error.message}`))
      .finally(wake);
  };
  let sweepingCalls: Promise<void> | null = null;
  const sweepCalls = (): Promise<void> => {
    sweepingCalls ??= (async () => {
      try {
        if (!stopping) await enqueuePendingTranscripts(boss, db);
      } finally {
        sweepingCalls = null;
      }
    })();
    return sweepingCalls;
  };
  const wakeUp = await wakeOnRequests(boss, onRequest);

  let resolveDone: (s: WorkerSummary) => void = () => {};
  const done = new Promise<WorkerSummary>((resolve) => {
    resolveDone = resolve;
  });
  const sweep = setInterval(
    () => {
      void tick().catch((error: Error) => log(`queue: ${error.message}`));
    },
    options.untilIdle ? 250 : settings.superviseSeconds * 1000,
  );
  let ticking = false;
  const tick = async () => {
    if (ticking || stopping) return;
    ticking = true;
    try {
      await asService(db, (tx) => enqueueWaiting(tx));
      await sweepCalls();
      if (options.untilIdle && running === 0) {
        const state = await queueState(db);
        const calls = await transcriptQueueState(db);
        if (state.open + state.waiting + calls.open + calls.waiting === 0 && running === 0) void stop();
      }
    } finally {
      ticking = false;
    }
  };

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(sweep);
      await wakeUp.close();
      await boss.stop({ graceful: true, timeout: settings.stopTimeoutSeconds * 1000, close: true });
      await Promise.all(runners.map((r) => r.close()));
      summary.recycled = runners.reduce((n, r) => n + r.stats().recycled, 0);
      resolveDone(summary);
    })();
    return stopping;
  };
  return { done, stop };
}

function describeDone(id: string, output: BuildJobOutput, attempt: string): string {
  const what = Object.entries(output.changes)
    .filter(([k]) => k !== 'count' && k !== 'first_at')
    .map(([k, v]) => `${k}: ${(v as string[]).join(', ')}`)
    .join('; ');
  if (output.skipped || !output.build)
    return `· ${output.user_id} nothing to build (${output.skipped}) job ${id.slice(0, 8)}`;
  const b = output.build;
  const publish =
    output.publish?.status === 'published'
      ? `, published ${output.publish.deploy_id}`
      : output.publish?.status === 'refused'
        ? `, not published: ${output.publish.reasons.length} things to fix`
        : output.publish?.status === 'already-live'
          ? ', already live'
          : '';
  return `✓ ${b.slug} built in ${b.duration_ms} ms (${what}; ${b.sections.written} sections written, ${b.images.variant_sets_encoded} images encoded${publish}) job ${id.slice(0, 8)} ${attempt}`;
}
