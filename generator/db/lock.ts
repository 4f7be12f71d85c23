import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import { errors } from '../errors.ts';
import { isAlive } from '../pid.ts';

/**
 * An exclusive lock on an embedded data directory. PGlite has no lock of its
 * own and is a single session, so exactly one process may own a data directory.
 * The lock file (`<dir>.lock`) records the holder (pid, host, command) so another
 * process can name it or wait for it, and, while the holder shares the database,
 * the socket it serves it on. A lock left by a dead process on this host is
 * taken over.
 */
export interface DirLock {
  readonly path: string;
  /** Records (or, with undefined, withdraws) the socket this holder serves the database on. */
  advertise(socket: string | undefined): void;
  release(): void;
}

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
  /** The unix socket the holder serves the database on, while it does. */
  socket?: string;
}

export type LockAttempt =
  | { lock: DirLock }
  | { lock?: undefined; holder: LockHolder | undefined; lockPath: string };

export function lockPathOf(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, '')}.lock`;
}

/** Takes the lock, or throws DB_LOCKED naming the holder at once. */
export function acquireDirLock(dataDir: string): DirLock {
  const attempt = tryAcquireDirLock(dataDir);
  if (attempt.lock) return attempt.lock;
  throw errors.dbLocked(dataDir, describeHolder(attempt.holder, attempt.lockPath));
}

/** Takes the lock if it is free (or stale); otherwise says who holds it. Never waits. */
export function tryAcquireDirLock(dataDir: string): LockAttempt {
  const lockPath = lockPathOf(dataDir);
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    const lock = create(lockPath);
    if (lock) return { lock };
    const holder = readLockHolder(dataDir);
    if (holder && isStale(holder) && takeOver(lockPath, holder)) continue;
    if (!holder && !exists(lockPath)) continue; // released between the two looks
    return { holder, lockPath };
  }
  return { holder: readLockHolder(dataDir), lockPath };
}

/** The lock file's holder, or undefined when there is none (or it is being written). */
export function readLockHolder(dataDir: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPathOf(dataDir), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** A holder that is gone: a dead process on this host. */
export function isStale(holder: LockHolder): boolean {
  return holder.host === hostname() && !isAlive(holder.pid);
}

/** "process 123 on host (`dreamseed worker`, since …)", as DB_LOCKED names it. */
export function describeHolder(holder: LockHolder | undefined, lockPath: string): string {
  return holder
    ? `process ${holder.pid} on ${holder.host} (\`${holder.command}\`, since ${holder.since})`
    : `another process (lock file ${lockPath})`;
}

/** The command line a lock records: `dreamseed demo list` rather than the path of the entry script. */
export function commandLabel(argv: readonly string[] = process.argv): string {
  const [script, ...rest] = argv.slice(1);
  const name = script && /^dreamseed(\.ts)?$/.test(basename(script)) ? 'dreamseed' : script;
  return [name ?? 'node', ...rest].join(' ').slice(0, 200);
}

function create(lockPath: string): DirLock | undefined {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: commandLabel(),
    since: new Date().toISOString(),
  };
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    rmSync(lockPath, { force: true });
  };
  process.on('exit', release);
  return {
    path: lockPath,
    advertise(socket) {
      if (released) return;
      const next: LockHolder = { ...holder, ...(socket ? { socket } : {}) };
      // Readers see the old record or the new one, never half of one.
      const temporary = `${lockPath}.${process.pid}.tmp`;
      const fd = openSync(temporary, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(next));
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, lockPath);
    },
    release,
  };
}

/**
 * Removes a dead holder's lock so it can be taken. Two processes may find the
 * same stale lock at once; without care one could remove the lock the other
 * has just taken. A short-lived `<lock>.takeover` file serialises takeovers, and
 * inside it the lock is removed only if it still names the dead holder.
 */
function takeOver(lockPath: string, stale: LockHolder): boolean {
  const guard = `${lockPath}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A takeover lasts microseconds; a guard older than that was left by a process killed inside one.
    if (ageMs(guard) > 10_000) rmSync(guard, { force: true });
    return false;
  }
  try {
    const current = (() => {
      try {
        return JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
      } catch {
        return undefined;
      }
    })();
    if (
      current &&
      current.pid === stale.pid &&
      current.since === stale.since &&
      current.host === stale.host
    ) {
      rmSync(lockPath, { force: true });
      return true;
    }
    return current === undefined && !exists(lockPath);
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
