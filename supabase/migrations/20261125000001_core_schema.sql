-- =============================================================================
-- Core schema: shared helpers, founder profiles, the template library and the
-- Dream DNA v2 tables (truth, probability, type).
--
-- Conventions used by every migration in this folder:
--   * every table lives in public, has `id uuid primary key default
--     gen_random_uuid()` (website_templates: a text id), and `created_at` /
--     `updated_at timestamptz not null default now()`; a BEFORE UPDATE trigger
--     named set_updated_at keeps updated_at current;
--   * founder-owned tables carry `user_id uuid not null references
--     public.users (id) on delete cascade`, always indexed;
--   * enumerations are lower-case snake_case text values guarded by CHECK
--     constraints; scores in 0..1 are numeric(4,3);
--   * a child that points at a founder-owned parent uses a composite foreign
--     key (parent_id, user_id) -> parent (id, user_id), so a row can never hang
--     under another founder's parent;
--   * Row Level Security, grants and policies live in *_row_level_security.sql.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Extensions. Supabase installs extensions in schema `extensions`; the
-- embedded database gets that schema from supabase/bootstrap/supabase-compat.sql.
-- -----------------------------------------------------------------------------
create extension if not exists vector with schema extensions;

-- -----------------------------------------------------------------------------
-- Shared trigger function: keep updated_at current on every UPDATE.
-- -----------------------------------------------------------------------------
create or replace function public.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

comment on function public.set_updated_at() is
  'BEFORE UPDATE trigger on every table: sets updated_at to the transaction time.';

-- -----------------------------------------------------------------------------
-- Who is making this change? Used to stamp dream_dna_truth.updated_by and
-- dream_dna_truth_history.changed_by.
--   1. the founder's auth user id (JWT claim sub), else
--   2. the JWT role claim (service_role for server-side API calls), else
--   3. the role set for this transaction with SET ROLE, else
--   4. the login role of the session (e.g. postgres for scripts and seeds).
-- `current_setting('role')` is used instead of current_user because it still
-- names the caller inside SECURITY DEFINER functions.
-- -----------------------------------------------------------------------------
create or replace function public.request_actor()
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(
    auth.uid()::text,
    nullif(auth.role(), ''),
    nullif(current_setting('role', true), 'none'),
    session_user::text
  )
$$;

comment on function public.request_actor() is
  'The identity behind the current statement: auth.uid(), else auth.role(), else the SET ROLE role, else session_user.';

-- =============================================================================
-- users — one profile per founder: contact details, business formation state,
-- the four-call consultation progress, assistant assignment and billing.
-- =============================================================================
create table public.users (
  id                      uuid primary key default gen_random_uuid(),
  auth_user_id            uuid unique references auth.users (id) on delete set null,
  slug                    text not null unique
                            check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),

  -- Customer
  customer_name           text,
  customer_email          text,
  customer_phone          text,

  -- Business
  business_name           text,
  business_type           text,
  state_of_operation      text,
  entity_type             text
                            check (entity_type in ('llc', 'corporation', 'partnership',
                                                   'sole_proprietorship', 'nonprofit')),

  -- Four-call consultation progress
  call_1_completed        boolean not null default false,
  call_2_completed        boolean not null default false,
  call_3_completed        boolean not null default false,
  call_4_completed        boolean not null default false,
  call_1_completed_at     timestamptz,
  call_2_completed_at     timestamptz,
  call_3_completed_at     timestamptz,
  call_4_completed_at     timestamptz,

  -- Workflow
  status                  text not null default 'lead'
                            check (status in ('lead', 'onboarding', 'in_progress', 'formation',
                                              'active', 'paused', 'cancelled')),
  current_call_stage      smallint not null default 0
                            check (current_call_stage between 0 and 4),
  next_call_scheduled     timestamptz,

  -- AI assistant assignment
  assistant_id            text,
  individual_assistant_id text,
  assistant_type          text
                            check (assistant_type in ('individual', 'shared')),

  -- Business formation preferences
  package_preference      text,
  urgency_level           text
                            check (urgency_level in ('high', 'medium', 'low')),
  timeline                text,

  -- Account and billing
  account_type            text,
  email_confirmed         boolean not null default false,
  payment_status          text not null default 'unpaid'
                            check (payment_status in ('unpaid', 'pending', 'paid', 'refunded', 'failed')),
  subscription_type       text,
  amount_paid             numeric(12, 2) check (amount_paid >= 0),
  payment_date            timestamptz,
  subscription_expires_at timestamptz,

  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now()
);

comment on table public.users is
  'Founder profile: one row per founder, linked to Supabase Auth through auth_user_id.';
comment on column public.users.slug is
  'Kebab-case handle used for demo and site paths.';
comment on column public.users.current_call_stage is
  '0 = no call yet; n = consultation call n is next or in progress.';

create trigger set_updated_at before update on public.users
  for each row execute function public.set_updated_at();

-- =============================================================================
-- website_templates — the template library (one row per templates/<id>/
-- folder). Global: not owned by any founder.
-- =============================================================================
create table public.website_templates (
  id                    text primary key
                          check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                  text not null,
  description           text,
  category              text,
  version_hash          text,
  template_code         jsonb,
  required_sections     text[] not null default '{}',
  optional_sections     text[] not null default '{}',
  pages                 jsonb,
  matching_rules        jsonb,
  customization_options jsonb,
  default_theme         text,
  seo_score             smallint check (seo_score between 0 and 100),
  mobile_score          smallint check (mobile_score between 0 and 100),
  performance_score     smallint check (performance_score between 0 and 100),
  avg_load_ms           integer check (avg_load_ms >= 0),
  is_active             boolean not null default true,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);

comment on table public.website_templates is
  'Template library; id is the templates/<id>/ folder name, template_code the manifest.';

create trigger set_updated_at before update on public.website_templates
  for each row execute function public.set_updated_at();

-- =============================================================================
-- dream_dna_truth — the current, confidence-scored facts about a founder's
-- business (one row per founder). Every earlier version is kept in
-- dream_dna_truth_history (see *_dna_truth_history.sql).
-- =============================================================================
create table public.dream_dna_truth (
  id                  uuid primary key default gen_random_uuid(),
  user_id             uuid not null unique references public.users (id) on delete cascade,
  version             integer not null default 1 check (version >= 1),

  -- Core facts
  business_name       text,
  what_problem        text,
  who_serves          text,
  how_different       text,
  primary_service     text,
  target_revenue      text,
  business_model      text,
  business_stage      text,
  industry_category   text,

  -- Founder and voice
  founder_name        text,
  founder_story       text,
  tagline             text,

  -- Location and contact
  location_city       text,
  location_region     text,
  location_country    text,
  service_area        text,
  contact_email       text,
  contact_phone       text,
  website_url         text,
  business_hours      text,

  -- Structured facts (arrays of objects; see column comments)
  services            jsonb check (jsonb_typeof(services) = 'array'),
  currency            text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  process_steps       jsonb check (jsonb_typeof(process_steps) = 'array'),
  faqs                jsonb check (jsonb_typeof(faqs) = 'array'),
  testimonials        jsonb check (jsonb_typeof(testimonials) = 'array'),
  credentials         jsonb check (jsonb_typeof(credentials) = 'array'),
  founded_year        integer check (founded_year between 1800 and 2200),

  -- Confidence and provenance
  field_confidence    jsonb not null default '{}' check (jsonb_typeof(field_confidence) = 'object'),
  confidence_score    numeric(4, 3) check (confidence_score between 0 and 1),
  extraction_source   text
                        check (extraction_source in ('call_1', 'call_2', 'call_3', 'call_4',
                                                     'domain_selection', 'manual_input', 'import')),
  validated_by_user   boolean not null default false,
  updated_by          text,

  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);

comment on table public.dream_dna_truth is
  'Current Dream DNA facts, one row per founder; earlier versions live in dream_dna_truth_history.';
comment on column public.dream_dna_truth.version is
  'Starts at 1 and is bumped by trigger on every UPDATE that changes a fact.';
comment on column public.dream_dna_truth.tagline is
  'Only when the founder said it; never generated.';
comment on column public.dream_dna_truth.services is
  'Array of {name, description?, price?, unit?}; price only when the founder gave one, in currency.';
comment on column public.dream_dna_truth.process_steps is
  'Array of {title, description}.';
comment on column public.dream_dna_truth.faqs is
  'Array of {question, answer} the founder gave.';
comment on column public.dream_dna_truth.testimonials is
  'Array of {quote, author, context?} the founder supplied, with permission.';
comment on column public.dream_dna_truth.credentials is
  'Array of strings: licences, certifications, awards the founder holds.';
comment on column public.dream_dna_truth.field_confidence is
  'Per-field confidence: {field_name: 0..1}.';
comment on column public.dream_dna_truth.updated_by is
  'Set by trigger: auth.uid(), else the JWT role, else the database role that made the change.';

create trigger set_updated_at before update on public.dream_dna_truth
  for each row execute function public.set_updated_at();

-- =============================================================================
-- dream_dna_probability — the AI's primary reading of one truth field plus up
-- to three alternatives, and the founder's confirmation.
-- =============================================================================
create table public.dream_dna_probability (
  id                        uuid primary key default gen_random_uuid(),
  user_id                   uuid not null references public.users (id) on delete cascade,
  field_name                text not null check (field_name ~ '^[a-z][a-z0-9_]*$'),
  primary_interpretation    text,
  primary_confidence        numeric(4, 3) check (primary_confidence between 0 and 1),
  alternative_1             text,
  alternative_1_confidence  numeric(4, 3) check (alternative_1_confidence between 0 and 1),
  alternative_2             text,
  alternative_2_confidence  numeric(4, 3) check (alternative_2_confidence between 0 and 1),
  alternative_3             text,
  alternative_3_confidence  numeric(4, 3) check (alternative_3_confidence between 0 and 1),
  reasoning                 text,
  user_confirmed            boolean,
  user_selected             text
                              check (user_selected in ('primary', 'alternative_1',
                                                       'alternative_2', 'alternative_3')),
  confirmed_at              timestamptz,
  created_at                timestamptz not null default now(),
  updated_at                timestamptz not null default now(),
  unique (user_id, field_name)
);

comment on table public.dream_dna_probability is
  'Interpretations of one dream_dna_truth field (field_name names the column) with confidences.';
comment on column public.dream_dna_probability.user_confirmed is
  'null = not yet asked; true/false = the founder confirmed/rejected the interpretation.';

create trigger set_updated_at before update on public.dream_dna_probability
  for each row execute function public.set_updated_at();

-- =============================================================================
-- dream_dna_type — business classification (one row per founder): brand
-- archetype, industry, model, and personality scores; drives template choice.
-- =============================================================================
create table public.dream_dna_type (
  id                        uuid primary key default gen_random_uuid(),
  user_id                   uuid not null unique references public.users (id) on delete cascade,
  business_archetype        text
                              check (business_archetype in ('caregiver', 'creator', 'everyman', 'explorer',
                                                            'hero', 'innocent', 'jester', 'lover',
                                                            'magician', 'outlaw', 'ruler', 'sage')),
  secondary_archetype       text
                              check (secondary_archetype in ('caregiver', 'creator', 'everyman', 'explorer',
                                                             'hero', 'innocent', 'jester', 'lover',
                                                             'magician', 'outlaw', 'ruler', 'sage')),
  industry_vertical         text
                              check (industry_vertical in ('food_beverage', 'retail', 'legal', 'financial',
                                                           'health_wellness', 'fitness', 'beauty',
                                                           'home_services', 'trades', 'technology',
                                                           'consulting', 'creative_media', 'photography',
                                                           'events', 'education', 'pet_services',
                                                           'nonprofit_community', 'hospitality',
                                                           'real_estate', 'automotive')),
  business_model_type       text
                              check (business_model_type in ('b2c_service', 'b2c_product', 'b2b_service',
                                                             'b2b_saas', 'marketplace', 'nonprofit', 'hybrid')),
  template_category         text,
  preferred_template_id     text references public.website_templates (id) on delete set null,
  risk_tolerance            smallint check (risk_tolerance between 0 and 100),
  innovation_level          smallint check (innovation_level between 0 and 100),
  scale_ambition            smallint check (scale_ambition between 0 and 100),
  classification_confidence numeric(4, 3) check (classification_confidence between 0 and 1),
  reasoning                 text,
  created_at                timestamptz not null default now(),
  updated_at                timestamptz not null default now(),
  constraint dream_dna_type_secondary_differs
    check (secondary_archetype is null or secondary_archetype <> business_archetype)
);

comment on table public.dream_dna_type is
  'Business classification per founder; business_archetype (brand archetype) drives the copy voice.';

create index dream_dna_type_preferred_template_id_idx on public.dream_dna_type (preferred_template_id);

create trigger set_updated_at before update on public.dream_dna_type
  for each row execute function public.set_updated_at();
