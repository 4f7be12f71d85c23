// Bootstrap + migrations apply from zero on PGlite (with pgvector) and produce
// the schema of the database specification and the schema contract.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRow } from './acting-as.ts';
import { applyBootstrap, migrationFiles, openFreshDb } from './fresh-db.ts';

/** Splits a whitespace-separated list. */
const words = (list: string): string[] => list.trim().split(/\s+/);

/** Every table the specification names, with its key columns. */
const TABLES: Record<string, string[]> = {
  users: words(`
    id auth_user_id slug customer_name customer_email customer_phone
    business_name business_type state_of_operation entity_type
    call_1_completed call_2_completed call_3_completed call_4_completed
    call_1_completed_at call_2_completed_at call_3_completed_at call_4_completed_at
    status current_call_stage next_call_scheduled assistant_id individual_assistant_id assistant_type
    package_preference urgency_level timeline account_type email_confirmed payment_status subscription_type
    amount_paid payment_date subscription_expires_at created_at updated_at`),
  dream_dna_truth: words(`
    id user_id version business_name what_problem who_serves how_different primary_service
    target_revenue business_model business_stage industry_category founder_name founder_story tagline
    location_city location_region location_country service_area contact_email contact_phone website_url
    business_hours services currency process_steps faqs testimonials credentials founded_year
    field_confidence confidence_score extraction_source validated_by_user updated_by`),
  dream_dna_truth_history: words(`
    id truth_id user_id version previous changed_fields extraction_source validated_by_user changed_by changed_at`),
  dream_dna_probability: words(`
    id user_id field_name primary_interpretation primary_confidence
    alternative_1 alternative_1_confidence alternative_2 alternative_2_confidence
    alternative_3 alternative_3_confidence reasoning user_confirmed user_selected confirmed_at`),
  dream_dna_type: words(`
    id user_id business_archetype secondary_archetype industry_vertical business_model_type
    template_category preferred_template_id risk_tolerance innovation_level scale_ambition
    classification_confidence reasoning`),
  transcripts_raw: words(`
    id user_id session_id call_session_id call_number transcript_text audio_file_url
    speaker_segments call_quality duration_seconds vapi_call_id metadata`),
  transcripts_vectorized: words(`
    id transcript_id user_id chunk_index content_summary key_topics business_insights sentiment_score
    embedding embedding_model model_version processing_metadata processed_at`),
  conversation_sessions: words(`
    id user_id status current_call calls_completed started_at completed_at next_call_scheduled notes metadata`),
  file_buckets: words(`
    id user_id bucket_name storage_path original_filename stored_filename mime_type file_size_bytes
    content_hash file_category processing_status ai_description ai_tags metadata`),
  media_assets: words(`
    id user_id file_bucket_id asset_category asset_name description storage_path mime_type width height
    content_hash optimization_status optimized_variants color_palette dominant_color palette_source_hash
    sort_order is_primary license source`),
  website_templates: words(`
    id name description category version_hash template_code required_sections optional_sections pages
    matching_rules customization_options default_theme seo_score mobile_score performance_score
    avg_load_ms is_active`),
  website_sections: words(`
    id website_id user_id page section_key section_type variant position revision is_current content
    provenance writer model ai_confidence status missing_fields alternatives input_hash usage
    edited_by_founder approved_at approved_by`),
  generated_websites: words(`
    id user_id template_id theme_id site_slug site_structure custom_branding palette_options
    selected_palette seo_metadata build_dir build_hash preview_url deployment_url netlify_site_id
    deploy_id deployment_status deploy_error deployed_at published_by lighthouse_scores analytics
    is_public last_built_at`),
  dream_dna: words(`
    id user_id business_id business_name business_idea target_market domain_name domain_selected_at dna_data`),
  conversations: words(`id user_id call_number vapi_call_id status transcript summary started_at ended_at`),
  webhooks_logs: words(`id user_id source event_type payload status error received_at processed_at`),
  business_assessment: words(`id user_id assessment_type status score completed_at`),
  assessment_responses: words(`id assessment_id user_id question_key response`),
  user_sessions: words(`id user_id session_start session_end user_agent pages_viewed metadata`),
  domain_searches: words(`id user_id query domain available price registrar searched_at`),
  // Named by the specification's planned relationships (users -> call_sessions
  // -> vapi_calls, dream_dna -> ai_analysis).
  call_sessions: words(`id user_id call_number status`),
  vapi_calls: words(`id user_id call_session_id vapi_call_id`),
  ai_analysis: words(`id user_id dream_dna_id analysis_type result`),
};

/**
 * The vocabularies the specification leaves open (supabase/README.md): the labels this project
 * knows, and ones it does not, are all stored exactly as given; only blank or over-long labels are refused.
 */
const OPEN_LABELS: Array<[table: string, column: string, known: string[], unknown: string[]]> = [
  [
    'dream_dna_truth',
    'extraction_source',
    words('call_1 call_2 call_3 call_4 domain_selection manual_input import'),
    ['phone_interview', 'Website Form', 'call_5'],
  ],
  [
    'dream_dna_type',
    'business_archetype',
    words('caregiver creator everyman explorer hero innocent jester lover magician outlaw ruler sage'),
    ['craftsman', 'The Rebel', 'guardian'],
  ],
  ['dream_dna_type', 'secondary_archetype', words('sage hero'), ['craftsman', 'mentor']],
  [
    'dream_dna_type',
    'industry_vertical',
    words(`food_beverage retail legal financial health_wellness fitness beauty home_services trades
      technology consulting creative_media photography events education pet_services nonprofit_community
      hospitality real_estate automotive`),
    ['boutique_fitness', 'Boutique Fitness', ' craft brewery ', 'ラーメン'],
  ],
  [
    'dream_dna_type',
    'business_model_type',
    words('b2c_service b2c_product b2b_service b2b_saas marketplace nonprofit hybrid'),
    ['b2b', 'saas', 'non-profit', 'subscription'],
  ],
];

/** Every closed enumeration of the schema contract: the values must all be accepted, others rejected. */
const ENUMERATIONS: Array<[table: string, column: string, values: string[]]> = [
  ['users', 'entity_type', words('llc corporation partnership sole_proprietorship nonprofit')],
  ['users', 'urgency_level', words('high medium low')],
  ['users', 'status', words('lead onboarding in_progress formation active paused cancelled')],
  ['users', 'assistant_type', words('individual shared')],
  ['users', 'payment_status', words('unpaid pending paid refunded failed')],
  ['dream_dna_probability', 'user_selected', words('primary alternative_1 alternative_2 alternative_3')],
  ['media_assets', 'asset_category', words('logo photo team product document')],
  ['media_assets', 'optimization_status', words('pending optimized failed')],
  ['file_buckets', 'file_category', words('logo photo team product document')],
  ['file_buckets', 'processing_status', words('pending processing ready failed rejected')],
  ['website_sections', 'status', words('draft approved rejected needs_input')],
  [
    'generated_websites',
    'deployment_status',
    words('not_deployed building built deploying live failed rolled_back'),
  ],
  ['conversation_sessions', 'status', words('scheduled in_progress completed cancelled no_show')],
];

let db: PGlite;

beforeAll(async () => {
  db = await openFreshDb();
}, 60_000);

afterAll(async () => {
  await db?.close();
});

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return firstRow(await rows<T>(sql, params), sql);
}

describe('bootstrap + migrations', () => {
  it('apply from zero, with pgvector installed in schema extensions', async () => {
    const ext = await rows<{ schema: string }>(
      `select n.nspname as schema from pg_catalog.pg_extension e
       join pg_catalog.pg_namespace n on n.oid = e.extnamespace where e.extname = 'vector'`,
    );
    expect(ext).toEqual([{ schema: 'extensions' }]);
  });

  it("create the Supabase roles with Supabase's attributes", async () => {
    const roles = await rows<{
      rolname: string;
      rolcanlogin: boolean;
      rolinherit: boolean;
      rolbypassrls: boolean;
    }>(
      `select rolname, rolcanlogin, rolinherit, rolbypassrls from pg_catalog.pg_roles
       where rolname in ('anon', 'authenticated', 'service_role', 'authenticator') order by rolname`,
    );
    expect(roles).toEqual([
      { rolname: 'anon', rolcanlogin: false, rolinherit: false, rolbypassrls: false },
      { rolname: 'authenticated', rolcanlogin: false, rolinherit: false, rolbypassrls: false },
      { rolname: 'authenticator', rolcanlogin: false, rolinherit: false, rolbypassrls: false },
      { rolname: 'service_role', rolcanlogin: false, rolinherit: false, rolbypassrls: true },
    ]);
  });

  it('provide auth.uid(), auth.role() and auth.jwt() reading request.jwt.claims', async () => {
    const sub = '6f1c4f4e-8d0c-4a43-9f6e-0c2f1e0d9a11';
    const claims = JSON.stringify({ sub, role: 'authenticated', email: 'a@example.test' });
    const result = await db.transaction(async (tx) => {
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
      return (
        await tx.query<{ uid: string; role: string; email: string }>(
          `select auth.uid()::text as uid, auth.role() as role, auth.jwt() ->> 'email' as email`,
        )
      ).rows[0];
    });
    expect(result).toEqual({ uid: sub, role: 'authenticated', email: 'a@example.test' });
    const outside = await rows<{ uid: string | null }>(`select auth.uid() as uid`);
    expect(outside).toEqual([{ uid: null }]);
  });

  it('bootstrap applied again is harmless', async () => {
    const snapshot = () =>
      rows<{ item: string }>(
        `select 'role ' || rolname || ' ' || rolbypassrls as item from pg_catalog.pg_roles
           where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')
         union all
         select 'fn ' || p.oid::regprocedure::text || ' ' || md5(p.prosrc) from pg_catalog.pg_proc p
           join pg_catalog.pg_namespace n on n.oid = p.pronamespace where n.nspname in ('auth', 'public')
         union all
         select 'acl ' || c.relname || ' ' || coalesce(c.relacl::text, '') from pg_catalog.pg_class c
           join pg_catalog.pg_namespace n on n.oid = c.relnamespace
           where n.nspname in ('public', 'auth') and c.relkind = 'r'
         union all
         select 'defacl ' || d.defaclobjtype::text || ' ' || d.defaclacl::text from pg_catalog.pg_default_acl d
         union all
         select 'setting ' || array_to_string(s.setconfig, ',') from pg_catalog.pg_db_role_setting s
         order by 1`,
      );
    const before = await snapshot();
    await applyBootstrap(db);
    await applyBootstrap(db);
    expect(await snapshot()).toEqual(before);
  });

  it('set search_path as Supabase does, for the database and this session', async () => {
    // PGlite ignores per-database settings when it opens a data directory, so
    // code reopening the embedded database sets the session search_path itself.
    const { search_path } = await one<{ search_path: string }>(`show search_path`);
    expect(search_path).toBe('"$user", public, extensions');
    const settings = await rows<{ config: string[] }>(
      `select s.setconfig as config from pg_catalog.pg_db_role_setting s
       join pg_catalog.pg_database d on d.oid = s.setdatabase
       where d.datname = current_database() and s.setrole = 0`,
    );
    expect(settings).toEqual([{ config: ['search_path="$user", public, extensions'] }]);
  });
});

describe('migration files', () => {
  it('are named <14-digit timestamp>_<name>.sql, in a strict order', async () => {
    const names = (await migrationFiles()).map((f) => basename(f));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+\.sql$/);
    expect(new Set(names.map((n) => n.slice(0, 14))).size).toBe(names.length);
  });

  it('create nothing a Supabase project already has (roles, auth schema, extensions schema)', async () => {
    for (const file of await migrationFiles()) {
      const sql = (await readFile(file, 'utf8')).replace(/--.*$/gm, '').toLowerCase();
      expect(sql, basename(file)).not.toMatch(
        /create\s+role|alter\s+role|create\s+schema\s+(if\s+not\s+exists\s+)?(auth|extensions)\b/,
      );
      expect(sql, basename(file)).not.toMatch(/create\s+(table|function|or\s+replace\s+function)\s+auth\./);
      expect(sql, basename(file)).not.toMatch(/alter\s+default\s+privileges|security_invoker\s*=\s*false/);
    }
  });
});

describe('schema', () => {
  it('has every table the specification names, in public', async () => {
    const live = (
      await rows<{ t: string }>(`select tablename as t from pg_catalog.pg_tables where schemaname = 'public'`)
    ).map((r) => r.t);
    expect(Object.keys(TABLES).filter((t) => !live.includes(t))).toEqual([]);
  });

  it.each(Object.entries(TABLES))('%s has its key columns', async (table, columns) => {
    const live = (
      await rows<{ c: string }>(
        `select column_name as c from information_schema.columns where table_schema = 'public' and table_name = $1`,
        [table],
      )
    ).map((r) => r.c);
    expect(columns.filter((c) => !live.includes(c))).toEqual([]);
  });

  it('users has the 36 columns of the specification', async () => {
    const { n } = await one<{ n: number }>(
      `select count(*)::int as n from information_schema.columns where table_schema = 'public' and table_name = 'users'`,
    );
    expect(n).toBe(36);
  });

  it('every table has a uuid (or template text) primary key and created_at / updated_at', async () => {
    const bad = await rows<{ t: string }>(
      `select t.tablename as t from pg_catalog.pg_tables t
       where t.schemaname = 'public' and (
         not exists (select 1 from information_schema.columns c where c.table_schema = 'public'
                     and c.table_name = t.tablename and c.column_name = 'created_at'
                     and c.data_type = 'timestamp with time zone' and c.is_nullable = 'NO')
         or not exists (select 1 from information_schema.columns c where c.table_schema = 'public'
                     and c.table_name = t.tablename and c.column_name = 'updated_at'
                     and c.data_type = 'timestamp with time zone' and c.is_nullable = 'NO')
         or not exists (select 1 from pg_catalog.pg_constraint k where k.conrelid = ('public.' || t.tablename)::regclass
                     and k.contype = 'p'))`,
    );
    expect(bad).toEqual([]);
  });

  it('every table has the set_updated_at trigger', async () => {
    const missing = await rows<{ t: string }>(
      `select t.tablename as t from pg_catalog.pg_tables t
       where t.schemaname = 'public' and not exists (
         select 1 from pg_catalog.pg_trigger g
         where g.tgrelid = ('public.' || t.tablename)::regclass and g.tgname = 'set_updated_at'
           and g.tgfoid = 'public.set_updated_at()'::regprocedure)`,
    );
    expect(missing).toEqual([]);
  });

  it('every foreign key is covered by an index on its columns', async () => {
    const uncovered = await rows<{ fk: string }>(
      `select k.conrelid::regclass::text || '.' || k.conname as fk
       from pg_catalog.pg_constraint k
       where k.contype = 'f' and k.connamespace = 'public'::regnamespace
         and not exists (
           select 1 from pg_catalog.pg_index i
           where i.indrelid = k.conrelid
             and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey
             and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] <@ k.conkey)`,
    );
    expect(uncovered).toEqual([]);
  });

  it('every founder-owned table references users on delete cascade', async () => {
    const wrong = await rows<{ t: string }>(
      `select c.table_name as t from information_schema.columns c
       where c.table_schema = 'public' and c.column_name = 'user_id'
         and c.table_name <> 'webhooks_logs'
         and (c.is_nullable <> 'NO' or not exists (
           select 1 from pg_catalog.pg_constraint k
           where k.conrelid = ('public.' || c.table_name)::regclass and k.contype = 'f'
             and k.confrelid = 'public.users'::regclass and k.confdeltype = 'c'))`,
    );
    expect(wrong).toEqual([]);
  });

  it('updated_at moves on update; created_at does not', async () => {
    const u = await one<{ id: string; created_at: string }>(
      `insert into public.users (slug, created_at, updated_at)
       values ('timestamps-check', now() - interval '1 day', now() - interval '1 day')
       returning id, created_at::text`,
    );
    const after = await one<{ created_at: string; fresh: boolean }>(
      `update public.users set customer_name = 'Touched' where id = $1
       returning created_at::text, updated_at > now() - interval '1 minute' as fresh`,
      [u.id],
    );
    expect(after).toEqual({ created_at: u.created_at, fresh: true });
    await db.query(`delete from public.users where id = $1`, [u.id]);
  });
});

describe('enumerations and labels (CHECK constraints)', () => {
  let userId: string;
  const rowIds: Record<string, string> = {};

  beforeAll(async () => {
    userId = (await one<{ id: string }>(`insert into public.users (slug) values ('enum-check') returning id`))
      .id;
    const insert = async (table: string, sql: string, params: unknown[] = [userId]) => {
      rowIds[table] = (await one<{ id: string }>(sql, params)).id;
    };
    rowIds.users = userId;
    await insert('dream_dna_truth', `insert into public.dream_dna_truth (user_id) values ($1) returning id`);
    await insert('dream_dna_type', `insert into public.dream_dna_type (user_id) values ($1) returning id`);
    await insert(
      'dream_dna_probability',
      `insert into public.dream_dna_probability (user_id, field_name) values ($1, 'tagline') returning id`,
    );
    await insert(
      'file_buckets',
      `insert into public.file_buckets (user_id, bucket_name, storage_path) values ($1, 'media', 'enum/x.png') returning id`,
    );
    await insert(
      'media_assets',
      `insert into public.media_assets (user_id, asset_category) values ($1, 'photo') returning id`,
    );
    await insert(
      'generated_websites',
      `insert into public.generated_websites (user_id) values ($1) returning id`,
    );
    await insert(
      'website_sections',
      `insert into public.website_sections (website_id, user_id, page, section_key, section_type)
       values ($2, $1, 'home', 'hero', 'hero') returning id`,
      [userId, rowIds.generated_websites],
    );
    await insert(
      'conversation_sessions',
      `insert into public.conversation_sessions (user_id) values ($1) returning id`,
    );
  });

  it.each(ENUMERATIONS)('%s.%s accepts exactly the contract values', async (table, column, values) => {
    for (const value of values) {
      await db.query(`update public.${table} set ${column} = $1 where id = $2`, [value, rowIds[table]]);
    }
    for (const value of ['bogus', (values[0] ?? '').toUpperCase()]) {
      await expect(
        db.query(`update public.${table} set ${column} = $1 where id = $2`, [value, rowIds[table]]),
      ).rejects.toMatchObject({ code: '23514' });
    }
  });

  it.each(OPEN_LABELS)('%s.%s keeps every label exactly as given', async (table, column, known, unknown) => {
    // The secondary archetype must differ from the primary one, which the other rows may set.
    await db.query(`update public.dream_dna_type set business_archetype = null where id = $1`, [
      rowIds.dream_dna_type,
    ]);
    for (const value of [...known, ...unknown]) {
      const row = await one<{ v: string }>(
        `update public.${table} set ${column} = $1 where id = $2 returning ${column} as v`,
        [value, rowIds[table]],
      );
      expect(row.v).toBe(value);
    }
    for (const value of ['', '   ', 'x'.repeat(101)]) {
      await expect(
        db.query(`update public.${table} set ${column} = $1 where id = $2`, [value, rowIds[table]]),
      ).rejects.toMatchObject({ code: '23514' });
    }
    await db.query(`update public.${table} set ${column} = null where id = $1`, [rowIds[table]]);
  });

  it.each([
    ['users', 'current_call_stage', 5],
    ['users', 'slug', 'Not Kebab'],
    ['dream_dna_truth', 'confidence_score', 1.5],
    ['dream_dna_truth', 'currency', 'usd'],
    ['dream_dna_truth', 'services', '{"name": "not an array"}'],
    ['dream_dna_truth', 'field_confidence', '[]'],
    ['dream_dna_type', 'risk_tolerance', 101],
    ['file_buckets', 'content_hash', 'not-a-sha256'],
    ['conversation_sessions', 'calls_completed', 5],
  ])('%s.%s rejects %s', async (table, column, value) => {
    await expect(
      db.query(`update public.${table} set ${column} = $1 where id = $2`, [value, rowIds[table]]),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('at most one primary media asset per founder and category', async () => {
    await db.query(
      `update public.media_assets set asset_category = 'logo', is_primary = true where id = $1`,
      [rowIds.media_assets],
    );
    await expect(
      db.query(
        `insert into public.media_assets (user_id, asset_category, is_primary) values ($1, 'logo', true)`,
        [userId],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('at most one current revision per website section', async () => {
    await expect(
      db.query(
        `insert into public.website_sections (website_id, user_id, page, section_key, section_type, revision)
         values ($1, $2, 'home', 'hero', 'hero', 2)`,
        [rowIds.generated_websites, userId],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});

describe('transcripts_vectorized.embedding', () => {
  it('is vector(1536) with an HNSW cosine index', async () => {
    const col = await one<{ type: string; dimensions: number }>(
      `select n.nspname || '.' || t.typname as type, a.atttypmod as dimensions
       from pg_catalog.pg_attribute a
       join pg_catalog.pg_type t on t.oid = a.atttypid
       join pg_catalog.pg_namespace n on n.oid = t.typnamespace
       where a.attrelid = 'public.transcripts_vectorized'::regclass and a.attname = 'embedding'`,
    );
    expect(col).toEqual({ type: 'extensions.vector', dimensions: 1536 });
    const idx = await one<{ def: string }>(
      `select pg_get_indexdef(i.indexrelid) as def from pg_catalog.pg_index i
       where i.indrelid = 'public.transcripts_vectorized'::regclass
         and pg_get_indexdef(i.indexrelid) like '%hnsw%'`,
    );
    expect(idx.def).toMatch(/USING hnsw \(embedding (extensions\.)?vector_cosine_ops\)/);
  });

  it('answers a nearest-neighbour query with <=>', async () => {
    const { id: userId } = await one<{ id: string }>(
      `insert into public.users (slug) values ('vector-check') returning id`,
    );
    const { id: transcriptId } = await one<{ id: string }>(
      `insert into public.transcripts_raw (user_id, transcript_text) values ($1, 'hello') returning id`,
      [userId],
    );
    const unit = (i: number) => `[${Array.from({ length: 1536 }, (_, j) => (j === i ? 1 : 0)).join(',')}]`;
    // Chunk n points along axis n.
    for (const chunk of [0, 1, 2]) {
      await db.query(
        `insert into public.transcripts_vectorized (transcript_id, user_id, chunk_index, embedding)
         values ($1, $2, $3, $4::extensions.vector)`,
        [transcriptId, userId, chunk, unit(chunk)],
      );
    }
    const nearest = await rows<{ chunk_index: number }>(
      `select chunk_index from public.transcripts_vectorized
       where user_id = $1 order by embedding <=> $2::extensions.vector limit 1`,
      [userId, unit(1)],
    );
    expect(nearest).toEqual([{ chunk_index: 1 }]);
    await db.query(`delete from public.users where id = $1`, [userId]);
  });
});
