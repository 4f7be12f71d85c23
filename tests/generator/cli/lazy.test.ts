import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazy } from '../../../generator/cli/lazy.ts';

/** The action wrapper every command uses: it loads the implementation when the command runs. */
describe('lazy', () => {
  afterEach(() => {
    z.config({ jitless: false });
  });

  it('imports the implementation only when the action runs, and passes it the arguments', async () => {
    const calls: unknown[][] = [];
    let loads = 0;
    const action = lazy(async () => {
      loads++;
      return { run: (...args: unknown[]) => void calls.push(args) };
    }, 'run');
    expect(loads).toBe(0);
    await action('a', { json: true });
    expect(loads).toBe(1);
    expect(calls).toEqual([['a', { json: true }]]);
  });

  it("runs a one-shot command with zod's JIT off, and a long-running one with it on, set before it loads", async () => {
    const seen: (boolean | undefined)[] = [];
    const load = async () => {
      // What the implementation's schemas would see when its module is evaluated.
      seen.push(z.config().jitless);
      return { run: () => {} };
    };
    await lazy(load, 'run')();
    await lazy(load, 'run', { longRunning: true })();
    await lazy(load, 'run')();
    expect(seen).toEqual([true, false, true]);
  });
});
