import type { Database, Queryable } from './database.ts';

/**
 * Extensions the schema can do without. pgvector backs one feature, semantic
 * search over transcripts (`transcripts_vectorized.embedding` and its HNSW
 * index); Supabase and the embedded database have it, a plain PostgreSQL
 * often does not (Debian's PostgreSQL 15 has no package for it). On such a
 * server the migration runner applies the two migrations that mention it
 * without exactly the statements listed here, records what it left out
 * (`supabase_migrations.dreamseed_without`), and says so; everything else in
 * the schema is the same. Once the extension can be installed, the next
 * `dreamseed db migrate` adds what was left out.
 *
 * Why not the alternatives: applied migrations are never edited (their
 * checksums are checked), so the files cannot make the statements
 * conditional; a stand-in `vector` type would pretend to support a column
 * nobody can search (and the HNSW index cannot be built on it anyway). Leaving
 * the statements out, saying so and recording it is the honest option.
 */
export interface OptionalExtension {
  extension: string;
  /** What people call it. */
  label: string;
  feature: string;
  /** Per migration version: statements (exact text in the file) applied only when the extension is available. */
  statements: Record<string, string[]>;
  /** Adds what was left out, once the extension is available. */
  restore: string;
}

export const OPTIONAL_EXTENSIONS: readonly OptionalExtension[] = [
  {
    extension: 'vector',
    label: 'pgvector',
    feature:
      'semantic search over transcripts (transcripts_vectorized.embedding and its HNSW index) is disabled',
    statements: {
      '20261125000001': ['create extension if not exists vector with schema extensions;\n'],
      '20261125000002': [
        '  embedding           extensions.vector(1536),\n',
        'create index transcripts_vectorized_embedding_idx\n  on public.transcripts_vectorized using hnsw (embedding extensions.vector_cosine_ops);\n',
      ],
    },
    restore: `
create extension if not exists vector with schema extensions;
alter table public.transcripts_vectorized add column if not exists embedding extensions.vector(1536);
create index if not exists transcripts_vectorized_embedding_idx
  on public.transcripts_vectorized using hnsw (embedding extensions.vector_cosine_ops);`,
  },
];

export const WITHOUT_DDL = `
create table if not exists supabase_migrations.dreamseed_without (
  version text not null,
  extension text not null,
  left_out text[] not null,
  applied_at timestamptz not null default now(),
  primary key (version, extension)
);`;

/** The optional extensions this server cannot install. */
export async function missingExtensions(db: Queryable): Promise<OptionalExtension[]> {
  const missing: OptionalExtension[] = [];
  for (const ext of OPTIONAL_EXTENSIONS) {
    const [row] = await db.query<{ available: boolean }>(
      'select exists (select 1 from pg_catalog.pg_available_extensions where name = $1) as available',
      [ext.extension],
    );
    if (!row?.available) missing.push(ext);
  }
  return missing;
}

/** A migration's SQL without the statements of the missing extensions (which must be there, verbatim). */
export function withoutExtensions(
  version: string,
  sql: string,
  missing: readonly OptionalExtension[],
): { sql: string; leftOut: { extension: string; statements: string[] }[] } {
  const leftOut: { extension: string; statements: string[] }[] = [];
  let out = sql;
  for (const ext of missing) {
    const statements = ext.statements[version];
    if (!statements) continue;
    for (const s of statements) {
      if (!out.includes(s))
        throw new Error(
          `Migration ${version} no longer contains a statement generator/db/optional-extensions.ts leaves out without ${ext.extension}: ${JSON.stringify(s.slice(0, 80))}`,
        );
      out = out.replace(s, '');
    }
    leftOut.push({ extension: ext.extension, statements });
  }
  return { sql: out, leftOut };
}

/** What was left out, by extension (for `db status` and the warning). */
export async function leftOut(db: Queryable): Promise<{ version: string; extension: string }[]> {
  await db.query(WITHOUT_DDL);
  return db.query<{ version: string; extension: string }>(
    'select version, extension from supabase_migrations.dreamseed_without order by version, extension',
  );
}

/** Adds what was left out for each extension the server now has; returns those extensions. */
export async function restoreAvailable(db: Database): Promise<string[]> {
  const left = new Set((await leftOut(db)).map((r) => r.extension));
  if (!left.size) return [];
  const missing = new Set((await missingExtensions(db)).map((e) => e.extension));
  const restored: string[] = [];
  for (const ext of OPTIONAL_EXTENSIONS) {
    if (!left.has(ext.extension) || missing.has(ext.extension)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(ext.restore);
      await tx.query('delete from supabase_migrations.dreamseed_without where extension = $1', [
        ext.extension,
      ]);
    });
    restored.push(ext.extension);
  }
  return restored;
}

/** Whether transcripts can be searched by meaning here (pgvector present and the embedding column made). */
export async function semanticSearchAvailable(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ ok: boolean }>(
    `select exists (select 1 from information_schema.columns
                     where table_schema = 'public' and table_name = 'transcripts_vectorized'
                       and column_name = 'embedding') as ok`,
  );
  return Boolean(row?.ok);
}

export function featureMissingMessage(where: string, ext: OptionalExtension): string {
  return `${where} has no ${ext.label} (PostgreSQL extension "${ext.extension}"): ${ext.feature}; everything else works. Install it (the postgresql-<version>-pgvector package, or use Supabase) and run \`dreamseed db migrate\`: it adds what was left out.`;
}
