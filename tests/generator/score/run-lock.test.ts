import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLighthouseLock } from '../../../generator/score/run-lock.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/** One Lighthouse run at a time per machine, however many are asked for at once. */
const scratch = scratchFolders();

describe('one Lighthouse run at a time', () => {
  it('never lets two runs overlap, even when asked at once', async () => {
    let running = 0;
    let most = 0;
    // Its own lock file: the machine-wide one may be held by a real run in another test worker.
    const lockFile = join(scratch('ds-lock-'), 'lighthouse.lock');
    const run = () =>
      withLighthouseLock(
        async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 30));
          running--;
        },
        { lockFile },
      );
    await Promise.all([run(), run(), run()]);
    expect(most).toBe(1);
  });
});
