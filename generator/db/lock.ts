import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { errors } from '../errors.ts';
import { isAlive } from '../pid.ts';

/**
 * An exclusive lock on an embedded data directory. PGlite has no lock of its
 * own and is a single session, so exactly one process may own a data directory.
 * The lock file records the holder (pid, host, command) so a second process can
 * name it; a lock left by a dead process on this host is taken over.
 */
export interface DirLock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export function acquireDirLock(dataDir: string): DirLock {
  const lockPath = `${dataDir.replace(/[/\\]+$/, '')}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      const holder: Holder = {
        pid: process.pid,
        host: hostname(),
        command: process.argv.slice(1).join(' ').slice(0, 200),
        since: new Date().toISOString(),
      };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder && holder.host === hostname() && !isAlive(holder.pid)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      const who = holder
        ? `process ${holder.pid} on ${holder.host} (\`${holder.command}\`, since ${holder.since})`
        : `another process (lock file ${lockPath})`;
      throw errors.dbLocked(dataDir, who);
    }
  }
  throw errors.dbLocked(dataDir, `another process (lock file ${lockPath})`);
}

function readHolder(lockPath: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}
