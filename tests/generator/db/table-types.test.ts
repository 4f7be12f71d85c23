import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generateTableTypes } from '../../../generator/db/table-types.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { openTestDatabase } from '../../helpers/database.ts';

it('the committed table types match the migrated database (run `node scripts/db/gen-types.ts` after a migration)', async () => {
  const db = await openTestDatabase({ seed: false });
  try {
    const fresh = await generateTableTypes(db);
    const committed = readFileSync(join(repoRoot, 'generator', 'db', 'types.generated.ts'), 'utf8');
    expect(committed).toBe(fresh);
  } finally {
    await db.close();
  }
});
