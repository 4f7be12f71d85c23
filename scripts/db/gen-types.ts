#!/usr/bin/env node
// Regenerates generator/db/types.generated.ts from a fresh in-memory database.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../generator/db/migrations.ts';
import { openPglite } from '../../generator/db/pglite.ts';
import { generateTableTypes } from '../../generator/db/table-types.ts';
import { repoRoot } from '../../generator/paths.ts';

const db = await openPglite();
try {
  await migrate(db);
  const file = join(repoRoot, 'generator', 'db', 'types.generated.ts');
  writeFileSync(file, await generateTableTypes(db));
  process.stderr.write(`wrote ${file}\n`);
} finally {
  await db.close();
}
