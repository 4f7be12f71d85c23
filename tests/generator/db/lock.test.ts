import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireDirLock,
  commandLabel,
  lockPathOf,
  readLockHolder,
  tryAcquireDirLock,
} from '../../../generator/db/lock.ts';
import { isDreamseedError } from '../../../generator/errors.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

const scratch = scratchFolders();

/** A pid no process has: one that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('the data directory lock', () => {
  it('records who holds it, refuses a second taker naming the holder, and is free again once released', () => {
    const dataDir = join(scratch('dreamseed-lock-'), 'db');
    const lock = acquireDirLock(dataDir);
    expect(readLockHolder(dataDir)).toMatchObject({ pid: process.pid, host: hostname() });
    const second = tryAcquireDirLock(dataDir);
    expect(second.lock).toBeUndefined();
    const error = (() => {
      try {
        acquireDirLock(dataDir);
      } catch (e) {
        return e;
      }
    })();
    expect(isDreamseedError(error) && error.code).toBe('DB_LOCKED');
    expect((error as Error).message).toContain(`in use by process ${process.pid} on ${hostname()}`);
    lock.advertise('/tmp/x.sock');
    expect(readLockHolder(dataDir)).toMatchObject({ pid: process.pid, socket: '/tmp/x.sock' });
    lock.advertise(undefined);
    expect(readLockHolder(dataDir)?.socket).toBeUndefined();
    lock.release();
    expect(readLockHolder(dataDir)).toBeUndefined();
    tryAcquireDirLock(dataDir).lock!.release();
  });

  it('names the command as people typed it', () => {
    expect(commandLabel(['/usr/bin/node', '/repo/scripts/dreamseed.ts', 'demo', 'list'])).toBe(
      'dreamseed demo list',
    );
    expect(commandLabel(['/usr/bin/node', '/usr/local/bin/dreamseed', 'worker'])).toBe('dreamseed worker');
    expect(commandLabel(['/usr/bin/node', '/repo/tools/x.ts', 'a'])).toBe('/repo/tools/x.ts a');
  });

  it('a stale lock found by several processes at the same instant is taken over by exactly one', {
    timeout: 60_000,
  }, async () => {
    const dataDir = join(scratch('dreamseed-lock-race-'), 'db');
    for (let round = 0; round < 2; round++) {
      const dead = await deadPid();
      writeFileSync(
        lockPathOf(dataDir),
        JSON.stringify({ pid: dead, host: hostname(), command: 'dreamseed gone', since: `round ${round}` }),
      );
      const startAt = Date.now() + 4_000; // time for the five to start; the winner holds on past the stragglers
      const code = `
          const { tryAcquireDirLock } = await import(${JSON.stringify(join(repoRoot, 'generator/db/lock.ts'))});
          while (Date.now() < ${startAt}) {}
          const attempt = tryAcquireDirLock(${JSON.stringify(dataDir)});
          process.stdout.write(attempt.lock ? 'got' : 'busy');
          if (attempt.lock) { await new Promise((r) => setTimeout(r, 5000)); attempt.lock.release(); }`;
      const outcomes = await Promise.all(
        Array.from(
          { length: 5 },
          () =>
            new Promise<string>((resolve) => {
              const child = spawn(process.execPath, ['--input-type=module', '-e', code]);
              let out = '';
              child.stdout.on('data', (d) => (out += d));
              child.stderr.on('data', (d) => (out += d));
              child.on('close', () => resolve(out));
            }),
        ),
      );
      expect(outcomes.sort()).toEqual(['busy', 'busy', 'busy', 'busy', 'got']);
    }
  });
});
