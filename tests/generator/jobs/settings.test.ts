import { describe, expect, it } from 'vitest';
import { debounceGiven, loadJobSettings } from '../../../generator/jobs/settings.ts';

describe('job settings from the environment', () => {
  it('has production defaults', () => {
    expect(loadJobSettings({})).toEqual({
      debounceMs: 3000,
      attempts: 4,
      retryDelaySeconds: 2,
      retryDelayMaxSeconds: 300,
      leaseSeconds: 30,
      timeoutSeconds: 900,
      pollSeconds: 2,
      superviseSeconds: 5,
      recycleBuilds: 25,
      recycleRssMb: 1280,
      runner: undefined,
      stopTimeoutSeconds: 30,
      keepDays: 30,
    });
    expect(debounceGiven({})).toBe(false);
  });

  it('reads overrides and names each bad variable with what it must be', () => {
    expect(
      loadJobSettings({
        DREAMSEED_BUILD_DEBOUNCE_MS: '250',
        DREAMSEED_BUILD_RUNNER: 'inline',
        DREAMSEED_WORKER_POLL_S: '0.5',
      }),
    ).toMatchObject({ debounceMs: 250, runner: 'inline', pollSeconds: 0.5 });
    expect(debounceGiven({ DREAMSEED_BUILD_DEBOUNCE_MS: '250' })).toBe(true);
    const error = (() => {
      try {
        loadJobSettings({
          DREAMSEED_BUILD_LEASE_S: '5',
          DREAMSEED_BUILD_ATTEMPTS: '2.5',
          DREAMSEED_BUILD_RUNNER: 'cloud',
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('DREAMSEED_BUILD_LEASE_S: must be at least 10');
    expect(error?.message).toContain('DREAMSEED_BUILD_ATTEMPTS: must be a whole number');
    expect(error?.message).toMatch(/DREAMSEED_BUILD_RUNNER: .*"process"\|"inline"/);
  });
});
