import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import type { DeployDriver } from '../deploy/driver.ts';
import type { Scorer } from '../score/scorer.ts';
import { type AutoPublishOutcome, autoPublish } from './auto-publish.ts';
import { optionsFromChanges } from './build-options.ts';
import { type ChangeSummary, claimChanges, summariseChanges } from './changes.ts';
import type { BuildOutcome } from './run-build.ts';
import type { BuildRunner } from './runner.ts';

/**
 * What one `site-build` job does: take the founder's waiting changes, build
 * the site (through the runner), then publish it if the founder turned
 * auto-publish on. The returned output is stored on the job (`dreamseed jobs`
 * shows it); a throw fails the attempt, and pg-boss retries it with backoff
 * until the job is dead.
 */
export interface BuildJobData {
  user_id: string;
}

export interface BuildJobOutput {
  user_id: string;
  /** The worker that ran the job: host and process id. */
  worker: string;
  changes: ChangeSummary;
  /** Why nothing was built: the changes were taken by the build before this one. */
  skipped?: string;
  build?: BuildOutcome & { started_at: string; finished_at: string };
  publish?: AutoPublishOutcome;
}

export interface BuildJobContext {
  db: Database;
  runner: BuildRunner;
  config: Config;
  publish?: { driver?: DeployDriver | undefined; scorer?: Scorer | undefined } | undefined;
}

export async function runBuildJob(
  ctx: BuildJobContext,
  job: { id: string; data: BuildJobData; signal: AbortSignal },
): Promise<BuildJobOutput> {
  const userId = job.data.user_id;
  const rows = await asService(ctx.db, (tx) => claimChanges(tx, job.id, userId));
  const changes = summariseChanges(rows);
  const worker = `${hostname()}:${process.pid}`;
  if (!rows.length)
    return {
      user_id: userId,
      worker,
      changes,
      skipped: 'no changes left: the build before this one took them',
    };
  const started_at = new Date().toISOString();
  const options = optionsFromChanges(rows);
  const build = await ctx.runner.build({ userId, jobId: job.id, options }, job.signal);
  const finished_at = new Date().toISOString();
  job.signal.throwIfAborted();
  // A new template version alone rebuilds the preview; it goes live only with the founder's own changes or publish.
  const publish: AutoPublishOutcome = rows.every((r) => r.kind === 'template')
    ? { status: 'preview-only', reason: `template version changed (${(changes.template ?? []).join(', ')})` }
    : await autoPublish(ctx.db, userId, ctx.config, ctx.publish);
  return { user_id: userId, worker, changes, build: { ...build, started_at, finished_at }, publish };
}
