import { z } from 'zod';
import { parseEnvironment } from '../errors.ts';

/**
 * The build queue's and the worker's settings, from the environment (one zod
 * schema with defaults); `dreamseed worker` flags override single values.
 * Production defaults; tests shorten the windows and leases.
 */
const seconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).default(fallback);
const whole = (min: number, max: number, fallback: number) =>
  z.coerce
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

const settingsSchema = z.object({
  /** Edits to one site within this window (from the first) become one build. */
  DREAMSEED_BUILD_DEBOUNCE_MS: whole(0, 600_000, 3000),
  /** Attempts before a build job is dead (failed, with its last error kept). */
  DREAMSEED_BUILD_ATTEMPTS: whole(1, 20, 4),
  /** First retry delay; doubled each attempt with jitter, up to the maximum. */
  DREAMSEED_BUILD_RETRY_DELAY_S: whole(1, 3600, 2),
  DREAMSEED_BUILD_RETRY_DELAY_MAX_S: whole(1, 86_400, 300),
  /** The lease: a worker renews it every half lease while building; a job whose lease lapses is taken over. */
  DREAMSEED_BUILD_LEASE_S: whole(10, 3600, 30),
  /** Hard cap on one build attempt. */
  DREAMSEED_BUILD_TIMEOUT_S: whole(10, 86_400, 900),
  /** How often an idle worker looks for due jobs (LISTEN/NOTIFY wakes it sooner where it can). */
  DREAMSEED_WORKER_POLL_S: seconds(0.5, 60, 2),
  /** How often the queue is supervised (expired leases found, history pruned). */
  DREAMSEED_WORKER_SUPERVISE_S: whole(1, 300, 5),
  /** Replace the build process after this many builds… */
  DREAMSEED_BUILD_RECYCLE_BUILDS: whole(1, 100_000, 25),
  /** …or when its resident memory passes this many MiB after a build. */
  DREAMSEED_BUILD_RECYCLE_RSS_MB: whole(128, 65_536, 1280),
  /** Where builds run: `process` (a child process, recycled) or `inline` (in the worker); default by database. */
  DREAMSEED_BUILD_RUNNER: z.enum(['process', 'inline']).optional(),
  /** On SIGTERM, how long a running build may take to finish before its job is handed back. */
  DREAMSEED_WORKER_STOP_TIMEOUT_S: whole(1, 3600, 30),
  /** How long finished jobs stay listed by `dreamseed jobs`. */
  DREAMSEED_JOBS_KEEP_DAYS: whole(1, 3650, 30),
});

export interface JobSettings {
  debounceMs: number;
  attempts: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  leaseSeconds: number;
  timeoutSeconds: number;
  pollSeconds: number;
  superviseSeconds: number;
  recycleBuilds: number;
  recycleRssMb: number;
  runner: 'process' | 'inline' | undefined;
  stopTimeoutSeconds: number;
  keepDays: number;
}

export function loadJobSettings(env: NodeJS.ProcessEnv = process.env): JobSettings {
  const e = parseEnvironment(settingsSchema, env);
  return {
    debounceMs: e.DREAMSEED_BUILD_DEBOUNCE_MS,
    attempts: e.DREAMSEED_BUILD_ATTEMPTS,
    retryDelaySeconds: e.DREAMSEED_BUILD_RETRY_DELAY_S,
    retryDelayMaxSeconds: e.DREAMSEED_BUILD_RETRY_DELAY_MAX_S,
    leaseSeconds: e.DREAMSEED_BUILD_LEASE_S,
    timeoutSeconds: e.DREAMSEED_BUILD_TIMEOUT_S,
    pollSeconds: e.DREAMSEED_WORKER_POLL_S,
    superviseSeconds: e.DREAMSEED_WORKER_SUPERVISE_S,
    recycleBuilds: e.DREAMSEED_BUILD_RECYCLE_BUILDS,
    recycleRssMb: e.DREAMSEED_BUILD_RECYCLE_RSS_MB,
    runner: e.DREAMSEED_BUILD_RUNNER,
    stopTimeoutSeconds: e.DREAMSEED_WORKER_STOP_TIMEOUT_S,
    keepDays: e.DREAMSEED_JOBS_KEEP_DAYS,
  };
}

/** Whether the debounce window was set explicitly (then the worker writes it to the queue's settings). */
export function debounceGiven(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DREAMSEED_BUILD_DEBOUNCE_MS?.trim());
}
