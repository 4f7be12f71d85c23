import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../pid.ts';

/**
 * Lighthouse runs one at a time on a machine, not only within a process: two
 * runs at once compete for the CPU and both measure a slower page than visitors
 * get. A lock file in the temp folder (holder pid inside; a dead holder's lock
 * is taken over) serialises the runs of every scoring process of this user.
 */
const releasedAt = new Map<string, number>();

export const LIGHTHOUSE_LOCK = join(tmpdir(), 'dreamseed-lighthouse.lock');

export async function withLighthouseLock<T>(
  fn: () => Promise<T>,
  options: { lockFile?: string; timeoutMs?: number } = {},
): Promise<T> {
  const lock = options.lockFile ?? LIGHTHOUSE_LOCK;
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  // Fairness: a process that just released the lock lets waiting processes (polling every 100 ms) in first.
  const sinceRelease = Date.now() - (releasedAt.get(lock) ?? 0);
  if (sinceRelease < 250) await new Promise((resolve) => setTimeout(resolve, 250 - sinceRelease));
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readOrEmpty(lock));
      if (holder && holder !== process.pid && !isAlive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `Another process (pid ${holder || '?'}) has been running Lighthouse for too long (lock ${lock}).`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const release = () => {
    if (readOrEmpty(lock) === String(process.pid)) rmSync(lock, { force: true });
    releasedAt.set(lock, Date.now());
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.off('exit', release);
    release();
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
