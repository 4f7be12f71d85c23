import type { Database } from '../db/database.ts';
import type { Writer } from '../writers/writer.ts';
import { type BuildOutcome, type BuildRequest, runBuild } from './run-build.ts';

/**
 * Where a worker's builds run. `inline`: in the worker process, on the
 * worker's own database connection (the embedded database, which one process
 * holds; tests). `process`: in a child process per build slot that reaches the
 * database itself (process-runner.ts), replaced after a number of builds or
 * when its memory grows, since Astro builds grow a process by tens of MiB each.
 */
export interface BuildRunner {
  readonly kind: 'inline' | 'process';
  /** Builds one site; an aborted signal stops the build (the child is killed) and rejects. */
  build(request: BuildRequest, signal: AbortSignal): Promise<BuildOutcome>;
  /** Stops any child processes. */
  close(): Promise<void>;
  /** Builds run and processes replaced so far. */
  stats(): { builds: number; recycled: number };
}

export function inlineRunner(db: Database, options: { writer?: Writer | undefined } = {}): BuildRunner {
  let builds = 0;
  return {
    kind: 'inline',
    async build(request, signal) {
      signal.throwIfAborted();
      const outcome = await runBuild(db, request, options);
      builds++;
      return outcome;
    },
    async close() {},
    stats: () => ({ builds, recycled: 0 }),
  };
}
