import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ErrorPayload, errors, reviveError } from '../errors.ts';
import type { BuildOutcome, BuildRequest } from './run-build.ts';
import type { BuildRunner } from './runner.ts';

/**
 * Builds in a child process (build-runner.ts), one build at a time, kept warm
 * between builds and replaced after `recycleBuilds` builds or when its RSS
 * after a build passes `recycleRssMb`: Astro builds grow a process by tens of
 * MiB each, and a fresh process is the only reliable way to give that back.
 * Its replacement is started one build ahead (at the last build before the
 * count, or past 85% of the memory limit), so the build after a recycle finds
 * a warm process instead of waiting seconds for one to start. A child
 * that dies mid-build fails that build (the job is retried); an aborted
 * signal (lease lost, worker stopping) kills the child.
 */
export interface ProcessRunnerOptions {
  recycleBuilds: number;
  recycleRssMb: number;
  env?: NodeJS.ProcessEnv | undefined;
  onRecycle?: ((reason: string) => void) | undefined;
}

type FromChild =
  | { type: 'ready' }
  | { type: 'done'; id: number; outcome: BuildOutcome }
  | { type: 'failed'; id: number; error: ErrorPayload };

const ENTRY = fileURLToPath(new URL('./build-runner.ts', import.meta.url));

interface Child {
  proc: ChildProcess;
  builds: number;
  ready: Promise<void>;
  exited: boolean;
}

export function processRunner(options: ProcessRunnerOptions): BuildRunner {
  let child: Child | null = null;
  /** The replacement, started ahead of a recycle. */
  let standby: Child | null = null;
  let builds = 0;
  let recycled = 0;
  let nextId = 1;

  const spawn = (): Child => {
    const proc = fork(ENTRY, [], {
      env: { ...(options.env ?? process.env) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const c: Child = { proc, builds: 0, exited: false, ready: Promise.resolve() };
    c.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type !== 'ready') return;
        proc.off('message', onMessage);
        resolve();
      };
      proc.on('message', onMessage);
      proc.once('exit', (code, sig) => reject(new Error(`exited (${sig ?? `code ${code}`}) while starting`)));
    });
    c.ready.catch(() => undefined);
    proc.once('exit', () => {
      c.exited = true;
      if (child === c) child = null;
      if (standby === c) standby = null;
    });
    return c;
  };

  const retire = (c: Child, reason: string) => {
    if (child === c) child = null;
    recycled++;
    options.onRecycle?.(reason);
    // Not awaited: the old process finishes closing while the next build starts in the replacement.
    void stop(c);
  };

  return {
    kind: 'process',
    async build(request: BuildRequest, signal: AbortSignal): Promise<BuildOutcome> {
      signal.throwIfAborted();
      if (!child || child.exited) child = spawn();
      const c = child;
      await c.ready.catch((error: Error) => {
        throw errors.buildProcessFailed(request.userId, error.message);
      });
      const id = nextId++;
      const outcome = await new Promise<BuildOutcome>((resolve, reject) => {
        const cleanup = () => {
          c.proc.off('message', onMessage);
          c.proc.off('exit', onExit);
          signal.removeEventListener('abort', onAbort);
        };
        const onMessage = (m: FromChild) => {
          if (m.type === 'done' && m.id === id) {
            cleanup();
            resolve(m.outcome);
          } else if (m.type === 'failed' && m.id === id) {
            cleanup();
            reject(reviveError(m.error));
          }
        };
        const onExit = (code: number | null, sig: NodeJS.Signals | null) => {
          cleanup();
          reject(errors.buildProcessFailed(request.userId, `exited (${sig ?? `code ${code}`})`));
        };
        const onAbort = () => {
          cleanup();
          // Retired at once: the next build must not be sent to a process that is being killed.
          if (child === c) child = null;
          c.proc.kill('SIGKILL');
          reject(signal.reason ?? new Error('build aborted'));
        };
        c.proc.on('message', onMessage);
        c.proc.once('exit', onExit);
        signal.addEventListener('abort', onAbort, { once: true });
        c.proc.send({ type: 'build', id, request });
      });
      builds++;
      c.builds++;
      if (c.builds >= options.recycleBuilds) retire(c, `after ${c.builds} builds`);
      else if (outcome.rss_mb > options.recycleRssMb)
        retire(c, `at ${outcome.rss_mb} MiB after ${c.builds} builds`);
      else if (c.builds >= options.recycleBuilds - 1 || outcome.rss_mb > 0.85 * options.recycleRssMb)
        standby ??= spawn();
      // Keep one warm: the next build should not wait for a process to start.
      if (!child) {
        child = standby ?? spawn();
        standby = null;
      }
      return outcome;
    },
    async close() {
      const live = [child, standby].filter((c): c is Child => c !== null);
      child = null;
      standby = null;
      await Promise.all(live.map(stop));
    },
    stats: () => ({ builds, recycled }),
  };
}

/** Asks a child to finish (it closes its database), and kills it if it does not within 5 s. */
async function stop(c: Child): Promise<void> {
  if (c.exited) return;
  const gone = new Promise<void>((resolve) => c.proc.once('exit', () => resolve()));
  if (c.proc.connected) c.proc.disconnect();
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}
