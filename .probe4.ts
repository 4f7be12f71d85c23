import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { openFreshDb } from './tests/supabase/fresh-db.ts';
const db = await openFreshDb();
const dump = await db.dumpDataDir('none');
await db.close();
const db2 = await PGlite.create({ loadDataDir: dump, extensions: { vector } });
console.log((await db2.query(`show search_path`)).rows, (await db2.query(`select '[1,2]'::vector <=> '[1,3]'::vector as d`)).rows);
await db2.close();
