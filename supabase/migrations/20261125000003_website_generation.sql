-- =============================================================================
-- Website generation: generated sites and their section revisions.
-- (The template library, website_templates, is in the core schema because
-- dream_dna_type references it.)
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

-- =============================================================================
-- generated_websites — one founder website: structure, branding, build and
-- deployment state, scores.
-- =============================================================================
create table public.generated_websites (
  id                uuid primary key default gen_random_uuid(),
  user_id           uuid not null references public.users (id) on delete cascade,
  template_id       text references public.website_templates (id),
  theme_id          text,
  site_slug         text unique check (site_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  site_structure    jsonb,
  custom_branding   jsonb,
  palette_options   jsonb,
  selected_palette  smallint check (selected_palette >= 0),
  seo_metadata      jsonb,
  build_dir         text,
  build_hash        text,
  preview_url       text,
  deployment_url    text,
  netlify_site_id   text,
  deploy_id         text,
  deployment_status text not null default 'not_deployed'
                      check (deployment_status in ('not_deployed', 'building', 'built', 'deploying',
                                                   'live', 'failed', 'rolled_back')),
  deploy_error      text,
  deployed_at       timestamptz,
  published_by      text,
  lighthouse_scores jsonb,
  analytics         jsonb,
  is_public         boolean not null default false,
  last_built_at     timestamptz,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  constraint generated_websites_id_user_id_key unique (id, user_id)
);

comment on table public.generated_websites is
  'A founder''s generated website: Dream DNA + media + template, with build and deployment tracking.';
comment on column public.generated_websites.selected_palette is
  'Index into palette_options of the palette the founder picked.';

create index generated_websites_user_id_idx on public.generated_websites (user_id);
create index generated_websites_template_id_idx on public.generated_websites (template_id);

create trigger set_updated_at before update on public.generated_websites
  for each row execute function public.set_updated_at();

-- =============================================================================
-- website_sections — one row per revision of one section of one page. The
-- current revision of (website, page, section_key) has is_current = true.
-- =============================================================================
create table public.website_sections (
  id                uuid primary key default gen_random_uuid(),
  website_id        uuid not null,
  user_id           uuid not null references public.users (id) on delete cascade,
  page              text not null,
  section_key       text not null,
  section_type      text not null,
  variant           text,
  position          integer not null default 0,
  revision          integer not null default 1 check (revision >= 1),
  is_current        boolean not null default true,
  content           jsonb not null default '{}',
  provenance        jsonb,
  writer            text,
  model             text,
  ai_confidence     numeric(4, 3) check (ai_confidence between 0 and 1),
  status            text not null default 'draft'
                      check (status in ('draft', 'approved', 'rejected', 'needs_input')),
  missing_fields    text[] not null default '{}',
  alternatives      jsonb,
  input_hash        text,
  usage             jsonb,
  edited_by_founder boolean not null default false,
  approved_at       timestamptz,
  approved_by       text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  constraint website_sections_revision_key unique (website_id, page, section_key, revision),
  constraint website_sections_website_fkey foreign key (website_id, user_id)
    references public.generated_websites (id, user_id) on delete cascade
);

comment on table public.website_sections is
  'Generated section content, one row per revision; provenance records the DNA fields (and confidence) used.';

create index website_sections_user_id_idx on public.website_sections (user_id);
create index website_sections_website_id_user_id_idx on public.website_sections (website_id, user_id);
create unique index website_sections_one_current_revision
  on public.website_sections (website_id, page, section_key) where is_current;

create trigger set_updated_at before update on public.website_sections
  for each row execute function public.set_updated_at();
