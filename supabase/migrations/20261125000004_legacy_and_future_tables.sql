-- =============================================================================
-- Legacy tables kept for compatibility (dream_dna v1, the original voice
-- system) and the prepared tables of planned features (AI analysis,
-- assessments, analytics). New data goes to the v2 tables; these keep their
-- shape so older integrations keep working.
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

-- =============================================================================
-- Legacy Dream DNA (v1)
-- =============================================================================

-- dream_dna — original Dream DNA record (domain selection saved here); the
-- save-domain endpoint still falls back to it. New data goes to dream_dna_truth.
create table public.dream_dna (
  id                 uuid primary key default gen_random_uuid(),
  user_id            uuid not null references public.users (id) on delete cascade,
  business_id        uuid,
  business_name      text,
  business_idea      text,
  target_market      text,
  domain_name        text,
  domain_selected_at timestamptz,
  dna_data           jsonb not null default '{}',
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  constraint dream_dna_id_user_id_key unique (id, user_id)
);

comment on table public.dream_dna is
  'Legacy Dream DNA (v1), kept for backward compatibility; new facts go to dream_dna_truth.';

create index dream_dna_user_id_idx on public.dream_dna (user_id);

create trigger set_updated_at before update on public.dream_dna
  for each row execute function public.set_updated_at();

-- ai_analysis — planned: AI analyses of a legacy dream_dna record
-- (spec relationship dream_dna -> ai_analysis).
create table public.ai_analysis (
  id            uuid primary key default gen_random_uuid(),
  user_id       uuid not null references public.users (id) on delete cascade,
  dream_dna_id  uuid not null,
  analysis_type text not null,
  model         text,
  result        jsonb not null default '{}',
  confidence    numeric(4, 3) check (confidence between 0 and 1),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  constraint ai_analysis_dream_dna_fkey foreign key (dream_dna_id, user_id)
    references public.dream_dna (id, user_id) on delete cascade
);

comment on table public.ai_analysis is
  'Planned: AI analyses attached to a legacy dream_dna record.';

create index ai_analysis_user_id_idx on public.ai_analysis (user_id);
create index ai_analysis_dream_dna_id_user_id_idx on public.ai_analysis (dream_dna_id, user_id);

create trigger set_updated_at before update on public.ai_analysis
  for each row execute function public.set_updated_at();

-- =============================================================================
-- Legacy voice system (superseded by conversation_sessions + transcripts_*)
-- =============================================================================

-- conversations — one voice call of the original design.
create table public.conversations (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid not null references public.users (id) on delete cascade,
  call_number  smallint check (call_number between 1 and 4),
  vapi_call_id text,
  status       text,
  transcript   text,
  summary      text,
  started_at   timestamptz,
  ended_at     timestamptz,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);

comment on table public.conversations is
  'Legacy voice calls (superseded by transcripts_raw); status is the voice provider''s, as received.';

create index conversations_user_id_idx on public.conversations (user_id);

create trigger set_updated_at before update on public.conversations
  for each row execute function public.set_updated_at();

-- call_sessions — legacy scheduling of the four calls
-- (spec relationship users -> call_sessions -> vapi_calls).
create table public.call_sessions (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid not null references public.users (id) on delete cascade,
  call_number  smallint not null check (call_number between 1 and 4),
  status       text not null default 'scheduled'
                 check (status in ('scheduled', 'in_progress', 'completed', 'cancelled', 'no_show')),
  scheduled_at timestamptz,
  started_at   timestamptz,
  ended_at     timestamptz,
  metadata     jsonb not null default '{}',
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint call_sessions_id_user_id_key unique (id, user_id)
);

comment on table public.call_sessions is
  'Legacy per-call scheduling (superseded by conversation_sessions).';

create index call_sessions_user_id_idx on public.call_sessions (user_id);

create trigger set_updated_at before update on public.call_sessions
  for each row execute function public.set_updated_at();

-- vapi_calls — legacy record of each call placed through the VAPI voice API.
create table public.vapi_calls (
  id               uuid primary key default gen_random_uuid(),
  user_id          uuid not null references public.users (id) on delete cascade,
  call_session_id  uuid,
  vapi_call_id     text not null unique,
  assistant_id     text,
  status           text,
  started_at       timestamptz,
  ended_at         timestamptz,
  duration_seconds integer check (duration_seconds >= 0),
  cost             numeric(10, 4) check (cost >= 0),
  recording_url    text,
  transcript       text,
  payload          jsonb not null default '{}',
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint vapi_calls_call_session_fkey foreign key (call_session_id, user_id)
    references public.call_sessions (id, user_id) on delete set null (call_session_id)
);

comment on table public.vapi_calls is
  'Legacy VAPI call records; status is VAPI''s, as received; payload is the provider''s call object.';

create index vapi_calls_user_id_idx on public.vapi_calls (user_id);
create index vapi_calls_call_session_id_user_id_idx on public.vapi_calls (call_session_id, user_id);

create trigger set_updated_at before update on public.vapi_calls
  for each row execute function public.set_updated_at();

-- webhooks_logs — inbound webhook deliveries (voice provider, payments, ...).
-- Service role only: payloads can hold other people's data and secrets.
create table public.webhooks_logs (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid references public.users (id) on delete set null,
  source       text not null,
  event_type   text,
  payload      jsonb not null default '{}',
  status       text not null default 'received'
                 check (status in ('received', 'processing', 'processed', 'failed', 'ignored')),
  error        text,
  received_at  timestamptz not null default now(),
  processed_at timestamptz,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);

comment on table public.webhooks_logs is
  'Inbound webhook log; service role only (no founder access).';

create index webhooks_logs_user_id_idx on public.webhooks_logs (user_id);

create trigger set_updated_at before update on public.webhooks_logs
  for each row execute function public.set_updated_at();

-- =============================================================================
-- Future expansion: assessments and analytics
-- =============================================================================

-- business_assessment — a structured business assessment questionnaire.
create table public.business_assessment (
  id              uuid primary key default gen_random_uuid(),
  user_id         uuid not null references public.users (id) on delete cascade,
  assessment_type text not null,
  status          text not null default 'not_started'
                    check (status in ('not_started', 'in_progress', 'completed', 'abandoned')),
  score           numeric,
  completed_at    timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  constraint business_assessment_id_user_id_key unique (id, user_id)
);

comment on table public.business_assessment is
  'Planned: business assessment questionnaires filled in by the founder.';

create index business_assessment_user_id_idx on public.business_assessment (user_id);

create trigger set_updated_at before update on public.business_assessment
  for each row execute function public.set_updated_at();

-- assessment_responses — one answer of a business_assessment.
create table public.assessment_responses (
  id            uuid primary key default gen_random_uuid(),
  assessment_id uuid not null,
  user_id       uuid not null references public.users (id) on delete cascade,
  question_key  text not null,
  response      jsonb,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  constraint assessment_responses_question_key unique (assessment_id, question_key),
  constraint assessment_responses_assessment_fkey foreign key (assessment_id, user_id)
    references public.business_assessment (id, user_id) on delete cascade
);

comment on table public.assessment_responses is
  'Planned: answers to a business_assessment, one row per question.';

create index assessment_responses_user_id_idx on public.assessment_responses (user_id);
create index assessment_responses_assessment_id_user_id_idx
  on public.assessment_responses (assessment_id, user_id);

create trigger set_updated_at before update on public.assessment_responses
  for each row execute function public.set_updated_at();

-- user_sessions — app sessions for behaviour analytics.
create table public.user_sessions (
  id            uuid primary key default gen_random_uuid(),
  user_id       uuid not null references public.users (id) on delete cascade,
  session_start timestamptz not null default now(),
  session_end   timestamptz,
  user_agent    text,
  pages_viewed  integer not null default 0 check (pages_viewed >= 0),
  metadata      jsonb not null default '{}',
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  constraint user_sessions_end_after_start check (session_end >= session_start)
);

comment on table public.user_sessions is
  'Planned: app sessions for user behaviour analytics.';

create index user_sessions_user_id_idx on public.user_sessions (user_id);

create trigger set_updated_at before update on public.user_sessions
  for each row execute function public.set_updated_at();

-- domain_searches — domain availability look-ups (GoDaddy domain checker).
create table public.domain_searches (
  id          uuid primary key default gen_random_uuid(),
  user_id     uuid not null references public.users (id) on delete cascade,
  query       text not null,
  domain      text,
  available   boolean,
  price       numeric(10, 2) check (price >= 0),
  registrar   text,
  searched_at timestamptz not null default now(),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

comment on table public.domain_searches is
  'Planned: domain availability searches, for search analytics.';

create index domain_searches_user_id_idx on public.domain_searches (user_id);

create trigger set_updated_at before update on public.domain_searches
  for each row execute function public.set_updated_at();
