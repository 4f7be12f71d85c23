import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Database } from '../../generator/db/database.ts';
import { openPglite } from '../../generator/db/pglite.ts';

/** A private in-memory database, migrated (and seeded with the demo founders unless `seed: false`). Close it. */
export async function openTestDatabase(
  options: { seed?: boolean } = {},
): Promise<Database & { pglite: import('@electric-sql/pglite').PGlite }> {
  const file = join(inject('dbSnapshots'), options.seed === false ? 'migrated.tar' : 'seeded.tar');
  return openPglite({ loadDataDir: new Blob([readFileSync(file)]) });
}
