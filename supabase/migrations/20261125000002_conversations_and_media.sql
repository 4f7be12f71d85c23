-- =============================================================================
-- Conversation pipeline (sessions, raw transcripts, vectorized chunks) and file
-- management (uploaded files, curated media assets).
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

-- =============================================================================
-- conversation_sessions — a founder's journey through the four calls.
-- =============================================================================
create table public.conversation_sessions (
  id                  uuid primary key default gen_random_uuid(),
  user_id             uuid not null references public.users (id) on delete cascade,
  status              text not null default 'scheduled'
                        check (status in ('scheduled', 'in_progress', 'completed', 'cancelled', 'no_show')),
  current_call        smallint not null default 1 check (current_call between 1 and 4),
  calls_completed     smallint not null default 0 check (calls_completed between 0 and 4),
  started_at          timestamptz,
  completed_at        timestamptz,
  next_call_scheduled timestamptz,
  notes               text,
  metadata            jsonb not null default '{}',
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  constraint conversation_sessions_id_user_id_key unique (id, user_id)
);

comment on table public.conversation_sessions is
  'Multi-call consultation journey of one founder; transcripts_raw rows point here.';

create index conversation_sessions_user_id_idx on public.conversation_sessions (user_id);

create trigger set_updated_at before update on public.conversation_sessions
  for each row execute function public.set_updated_at();

-- =============================================================================
-- transcripts_raw — the complete transcript of one voice call.
-- =============================================================================
create table public.transcripts_raw (
  id               uuid primary key default gen_random_uuid(),
  user_id          uuid not null references public.users (id) on delete cascade,
  session_id       uuid,
  call_session_id  text,
  call_number      smallint check (call_number between 1 and 4),
  transcript_text  text not null,
  audio_file_url   text,
  speaker_segments jsonb check (jsonb_typeof(speaker_segments) = 'array'),
  call_quality     numeric(4, 3) check (call_quality between 0 and 1),
  duration_seconds integer check (duration_seconds >= 0),
  vapi_call_id     text,
  metadata         jsonb not null default '{}',
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint transcripts_raw_id_user_id_key unique (id, user_id),
  constraint transcripts_raw_session_fkey foreign key (session_id, user_id)
    references public.conversation_sessions (id, user_id) on delete set null (session_id)
);

comment on table public.transcripts_raw is
  'Original voice call transcripts (VAPI); call_session_id is the voice provider''s session id.';
comment on column public.transcripts_raw.speaker_segments is
  'Array of {speaker, start_s, end_s, text}.';

create index transcripts_raw_user_id_idx on public.transcripts_raw (user_id);
create index transcripts_raw_session_id_user_id_idx on public.transcripts_raw (session_id, user_id);

create trigger set_updated_at before update on public.transcripts_raw
  for each row execute function public.set_updated_at();

-- =============================================================================
-- transcripts_vectorized — analysed, embedded chunks of a transcript for
-- semantic search (OpenAI embeddings, 1536 dimensions, cosine distance).
-- =============================================================================
create table public.transcripts_vectorized (
  id                  uuid primary key default gen_random_uuid(),
  transcript_id       uuid not null,
  user_id             uuid not null references public.users (id) on delete cascade,
  chunk_index         integer not null default 0 check (chunk_index >= 0),
  content_summary     text,
  key_topics          text[] not null default '{}',
  business_insights   jsonb,
  sentiment_score     numeric(4, 3) check (sentiment_score between -1 and 1),
  embedding           extensions.vector(1536),
  embedding_model     text,
  model_version       text,
  processing_metadata jsonb not null default '{}',
  processed_at        timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  constraint transcripts_vectorized_transcript_chunk_key unique (transcript_id, chunk_index),
  constraint transcripts_vectorized_transcript_fkey foreign key (transcript_id, user_id)
    references public.transcripts_raw (id, user_id) on delete cascade
);

comment on table public.transcripts_vectorized is
  'Embedded transcript chunks with summaries and insights; search with the <=> (cosine) operator.';

create index transcripts_vectorized_user_id_idx on public.transcripts_vectorized (user_id);
create index transcripts_vectorized_transcript_id_user_id_idx
  on public.transcripts_vectorized (transcript_id, user_id);
create index transcripts_vectorized_embedding_idx
  on public.transcripts_vectorized using hnsw (embedding extensions.vector_cosine_ops);

create trigger set_updated_at before update on public.transcripts_vectorized
  for each row execute function public.set_updated_at();

-- =============================================================================
-- file_buckets — every file a founder uploaded (Supabase Storage object plus
-- metadata and AI description).
-- =============================================================================
create table public.file_buckets (
  id                uuid primary key default gen_random_uuid(),
  user_id           uuid not null references public.users (id) on delete cascade,
  bucket_name       text not null,
  storage_path      text not null,
  original_filename text,
  stored_filename   text,
  mime_type         text,
  file_size_bytes   bigint check (file_size_bytes >= 0),
  content_hash      text check (content_hash ~ '^[0-9a-f]{64}$'),
  file_category     text
                      check (file_category in ('logo', 'photo', 'team', 'product', 'document')),
  processing_status text not null default 'pending'
                      check (processing_status in ('pending', 'processing', 'ready', 'failed', 'rejected')),
  ai_description    text,
  ai_tags           text[] not null default '{}',
  metadata          jsonb not null default '{}',
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  constraint file_buckets_bucket_path_key unique (bucket_name, storage_path),
  constraint file_buckets_id_user_id_key unique (id, user_id)
);

comment on table public.file_buckets is
  'Uploaded files: Storage bucket and path, processing state, AI description; content_hash is sha256 hex.';

create index file_buckets_user_id_idx on public.file_buckets (user_id);

create trigger set_updated_at before update on public.file_buckets
  for each row execute function public.set_updated_at();

-- =============================================================================
-- media_assets — curated media used by website generation (logo, photos, ...),
-- with optimisation state, image variants and the extracted palette.
-- =============================================================================
create table public.media_assets (
  id                  uuid primary key default gen_random_uuid(),
  user_id             uuid not null references public.users (id) on delete cascade,
  file_bucket_id      uuid,
  asset_category      text not null
                        check (asset_category in ('logo', 'photo', 'team', 'product', 'document')),
  asset_name          text,
  description         text,
  storage_path        text,
  mime_type           text,
  width               integer check (width > 0),
  height              integer check (height > 0),
  content_hash        text,
  optimization_status text not null default 'pending'
                        check (optimization_status in ('pending', 'optimized', 'failed')),
  optimized_variants  jsonb,
  color_palette       jsonb,
  dominant_color      text,
  palette_source_hash text,
  sort_order          integer not null default 0,
  is_primary          boolean not null default false,
  license             text,
  source              text,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  constraint media_assets_file_bucket_fkey foreign key (file_bucket_id, user_id)
    references public.file_buckets (id, user_id) on delete set null (file_bucket_id)
);

comment on table public.media_assets is
  'Media library for site generation; description is the alt-text source.';
comment on column public.media_assets.is_primary is
  'At most one primary asset per founder and category (e.g. the logo to use).';

create index media_assets_user_id_idx on public.media_assets (user_id);
create index media_assets_file_bucket_id_user_id_idx on public.media_assets (file_bucket_id, user_id);
create unique index media_assets_one_primary_per_category
  on public.media_assets (user_id, asset_category) where is_primary;

create trigger set_updated_at before update on public.media_assets
  for each row execute function public.set_updated_at();
