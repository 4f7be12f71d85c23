import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { optionRefs, type QueuedBuildOptions } from '../jobs/build-options.ts';

/**
 * How `POST /api/website-generator` queues a build: `request_site_build()` (the change-capture
 * function of generator/jobs), which records the request in the change log and inserts the
 * founder's pg-boss job, debounced and deduplicated like any other change. A worker (the one
 * inside `dreamseed serve`, or any other) builds it; nothing is lost while none runs.
 */
export interface BuildQueue {
  request(userId: string, options?: QueuedBuildOptions): Promise<void>;
}

export function changeLogQueue(db: Database): BuildQueue {
  return {
    request: (userId, options) =>
      asService(db, async (tx) => {
        await tx.query(`select public.request_site_build($1::uuid, 'setting', $2::text[], 'update')`, [
          userId,
          optionRefs(options),
        ]);
      }),
  };
}
