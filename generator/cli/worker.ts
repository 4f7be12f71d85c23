import { loadConfig } from '../config.ts';
import { embeddedPartsOf } from '../db/embedded.ts';
import { openDatabase } from '../db/open.ts';
import { assertMigrated } from '../db/schema-check.ts';
import { resolveDatabaseTarget } from '../db/target.ts';
import { errors } from '../errors.ts';
import { processRunner } from '../jobs/process-runner.ts';
import { type BuildRunner, inlineRunner } from '../jobs/runner.ts';
import { debounceGiven, loadJobSettings } from '../jobs/settings.ts';
import { startWorker } from '../jobs/worker.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint } from './output.ts';

/**
 * `dreamseed worker`: builds founders' sites automatically as their DNA, media
 * and approved copy change (generator/jobs/README.md). Runs until SIGTERM /
 * SIGINT (the running build finishes or its job is handed back), or with
 * `--until-idle` until nothing is left to do.
 */
interface WorkerFlags extends JsonFlag {
  concurrency: string;
  untilIdle?: boolean;
  debounce?: string;
  runner?: string;
}

export async function worker(flags: WorkerFlags): Promise<void> {
  const concurrency = wholeFlag('--concurrency', flags.concurrency, 1, 64);
  const debounceMs =
    flags.debounce === undefined ? undefined : wholeFlag('--debounce', flags.debounce, 0, 600_000);
  if (flags.runner !== undefined && flags.runner !== 'process' && flags.runner !== 'inline')
    throw errors.usage(`--runner must be process or inline, not "${flags.runner}".`);
  const settings = loadJobSettings();
  const config = loadConfig();
  const target = resolveDatabaseTarget(process.env.DREAMSEED_DB);
  // Shared: while the worker runs, other commands use the embedded database through it.
  const db = await openDatabase(target, { serve: true });
  try {
    // Before anything runs on it: a database without the schema fails every job and request alike.
    await assertMigrated(db);
    // Child processes reach the database themselves: a PostgreSQL server, or this worker's
    // embedded database through the socket it shares (a client of another holder builds inline).
    const canFork = db.kind === 'postgres' || embeddedPartsOf(db)?.sharing !== undefined;
    const runnerKind =
      (flags.runner as 'process' | 'inline' | undefined) ??
      settings.runner ??
      (canFork ? 'process' : 'inline');
    if (runnerKind === 'process' && !canFork)
      throw errors.usage(
        'Builds in child processes need a database they can reach: this worker is itself a client of the process that shares the embedded database.',
        'Leave --runner out (or use --runner inline), or stop the other process first.',
      );
    const makeRunner = (): BuildRunner =>
      runnerKind === 'process'
        ? processRunner({
            recycleBuilds: settings.recycleBuilds,
            recycleRssMb: settings.recycleRssMb,
            onRecycle: (reason) => info(`${paint('dim', 'build process replaced')} ${reason}`),
          })
        : inlineRunner(db);
    const worker = await startWorker({
      db,
      url: target.kind === 'postgres' ? target.url : undefined,
      settings,
      concurrency,
      untilIdle: flags.untilIdle ?? false,
      makeRunner,
      config,
      debounceMs: debounceMs ?? (debounceGiven() ? settings.debounceMs : undefined),
      log: (line) => info(line),
    });
    info(
      `worker: ${concurrency} build slot${concurrency === 1 ? '' : 's'} (${runnerKind}) on ${db.description}${flags.untilIdle ? ', until idle' : '; stop with Ctrl-C or SIGTERM'}`,
    );
    const onSignal = (signal: string) => {
      info(
        `worker: ${signal}: stopping; a running build has ${settings.stopTimeoutSeconds} s to finish, else its job is handed back`,
      );
      void worker.stop();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    const summary = await worker.done;
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    printResult(flags, summary, () =>
      info(
        `worker: stopped after ${summary.builds} builds, ${summary.skipped} jobs with nothing left to build, ${summary.failures} failed attempts, ${summary.recycled} build processes replaced; ${summary.transcripts} calls processed, ${summary.transcript_failures} failed attempts at it`,
      ),
    );
  } finally {
    await db.close();
  }
}

function wholeFlag(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw errors.usage(`${flag} must be a whole number from ${min} to ${max}, not "${value}".`);
  return n;
}
