import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrationStatus, readMigrationFiles } from '../../../generator/db/migrations.ts';
import {
  OPTIONAL_EXTENSIONS,
  semanticSearchAvailable,
  withoutExtensions,
} from '../../../generator/db/optional-extensions.ts';
import { openPglite } from '../../../generator/db/pglite.ts';
import { paths } from '../../../generator/paths.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * The schema on a server without pgvector: the two migrations that mention it
 * apply without exactly those statements, the runner records and says so, and
 * adds them once the extension is there. PGlite without its pgvector bundle
 * stands in for such a server here; tests/generator/jobs/multi-worker.test.ts
 * migrates Debian's PostgreSQL 15, which has none.
 */
const scratch = scratchFolders();
const dataDir = join(scratch('dreamseed-novector-'), 'db');

const embedding = async (db: Awaited<ReturnType<typeof openPglite>>) =>
  (
    await db.query<{ type: string | null; index: string | null }>(
      `select (select format_type(a.atttypid, a.atttypmod) from pg_attribute a
                where a.attrelid = 'public.transcripts_vectorized'::regclass and a.attname = 'embedding'
                  and not a.attisdropped) as type,
              (select indexdef from pg_indexes where indexname = 'transcripts_vectorized_embedding_idx') as index`,
    )
  )[0];

describe('migrations on a server without pgvector', { timeout: 120_000 }, () => {
  it('apply without the embedding column and its index, recorded and reported', async () => {
    const db = await openPglite({ dataDir, vector: false });
    try {
      const result = await migrate(db);
      expect(result.without).toEqual(['vector']);
      expect(result.applied.length).toBe((await readMigrationFiles()).length);
      const status = await migrationStatus(db);
      expect(status.filter((s) => s.without).map((s) => [s.version, s.without])).toEqual([
        ['20261125000001', ['vector']],
        ['20261125000002', ['vector']],
      ]);
      expect(status.every((s) => s.state === 'applied')).toBe(true);
      expect(await embedding(db)).toEqual({ type: null, index: null });
      expect(await semanticSearchAvailable(db)).toBe(false);
      // Everything else is there: a transcript chunk can be stored, without an embedding.
      const [user] = await db.query<{ id: string }>(
        `insert into public.users (slug) values ('nv') returning id`,
      );
      const [t] = await db.query<{ id: string }>(
        `insert into public.transcripts_raw (user_id, call_number, transcript_text) values ($1, 1, 'hello') returning id`,
        [user!.id],
      );
      await db.query(
        `insert into public.transcripts_vectorized (transcript_id, user_id, content_summary) values ($1, $2, 'hi')`,
        [t!.id, user!.id],
      );
      const again = await migrate(db);
      expect(again).toMatchObject({ applied: [], without: ['vector'], restored: [] });
    } finally {
      await db.close();
    }
  });

  it('adds what was left out once pgvector is installed', async () => {
    const db = await openPglite({ dataDir });
    try {
      const result = await migrate(db);
      expect(result).toMatchObject({ applied: [], without: [], restored: ['vector'] });
      expect(await embedding(db)).toEqual({
        type: expect.stringMatching(/^(extensions\.)?vector\(1536\)$/),
        index: expect.stringMatching(/USING hnsw \(embedding (extensions\.)?vector_cosine_ops\)/),
      });
      expect(await semanticSearchAvailable(db)).toBe(true);
      expect((await migrationStatus(db)).some((s) => s.without)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('leaves out exactly the listed statements, each present verbatim in its migration', () => {
    for (const ext of OPTIONAL_EXTENSIONS) {
      for (const [version, statements] of Object.entries(ext.statements)) {
        const file = readMigrationFileSync(version);
        const { sql, leftOut } = withoutExtensions(version, file, [ext]);
        expect(leftOut).toEqual([{ extension: ext.extension, statements }]);
        expect(sql.length).toBe(file.length - statements.join('').length);
        expect(sql).not.toMatch(/extensions\.vector|extension if not exists vector/);
      }
    }
    expect(() =>
      withoutExtensions('20261125000002', 'create table x (id int);', OPTIONAL_EXTENSIONS),
    ).toThrow(/no longer contains a statement/);
  });
});

function readMigrationFileSync(version: string): string {
  const name = readdirSync(paths.migrations).find((n) => n.startsWith(version))!;
  return readFileSync(join(paths.migrations, name), 'utf8');
}
