import { join } from 'node:path';
import { acquireDirLock, type DirLock } from '../db/lock.ts';
import { errors, isDreamseedError } from '../errors.ts';

/**
 * One publish or rollback of a site at a time (per machine): a lock file under
 * the state folder naming its holder; a lock left by a dead process is taken
 * over. While it is held, a deploy record still `deploying` can only be one a
 * dead process left behind.
 */
export function lockSite(stateDir: string, slug: string): DirLock {
  try {
    return acquireDirLock(join(stateDir, 'locks', `deploy-${slug}`));
  } catch (error) {
    if (isDreamseedError(error) && error.code === 'DB_LOCKED') {
      throw errors.deployLocked(slug, String(error.data?.holder ?? 'another process'));
    }
    throw error;
  }
}
