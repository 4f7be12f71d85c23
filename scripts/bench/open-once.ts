#!/usr/bin/env node
// One short command's worth of database work, for scripts/bench/shared-db.ts: opens the data directory
// in-process, either with PGlite's default settings or as the project opens it (generator/db/pglite.ts),
// runs the `demo list` query and closes. Usage: open-once.ts <dataDir> <defaults|project>
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { openPglite } from '../../generator/db/pglite.ts';

const [dataDir, mode] = process.argv.slice(2);
if (!dataDir || (mode !== 'defaults' && mode !== 'project'))
  throw new Error('usage: open-once.ts <dataDir> <defaults|project>');
const sql = `select u.slug, u.id, t.business_name from public.users u
               left join public.dream_dna_truth t on t.user_id = u.id order by u.slug`;
if (mode === 'project') {
  const db = await openPglite({ dataDir });
  await db.query(sql);
  await db.close();
} else {
  const db = await PGlite.create({ dataDir, extensions: { vector } });
  await db.query(sql);
  await db.close();
}
