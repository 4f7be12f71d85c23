import type { JobSettings } from '../../generator/jobs/settings.ts';

/** Queue settings for tests: no debounce unless asked, short leases, fast polling and supervision. */
export function testJobSettings(overrides: Partial<JobSettings> = {}): JobSettings {
  return {
    debounceMs: 0,
    attempts: 3,
    retryDelaySeconds: 1,
    retryDelayMaxSeconds: 4,
    leaseSeconds: 10,
    timeoutSeconds: 120,
    pollSeconds: 0.5,
    superviseSeconds: 1,
    recycleBuilds: 50,
    recycleRssMb: 4096,
    runner: undefined,
    stopTimeoutSeconds: 20,
    keepDays: 30,
    ...overrides,
  };
}
