-- =============================================================================
-- website_deployments — the history of every publish and rollback of a
-- founder's website, on the local target or Netlify: which deploy, where, its
-- status, the scores it went out with, who published it, and whether the
-- quality gate was overridden. generated_websites keeps the current state
-- (deploy_id, deployment_url, deployment_status, deploy_error…); this table
-- keeps the record. Written by the service role only; founders read their own.
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================
create table public.website_deployments (
  id             uuid primary key default gen_random_uuid(),
  website_id     uuid not null,
  user_id        uuid not null references public.users (id) on delete cascade,
  action         text not null default 'publish' check (action in ('publish', 'draft', 'rollback')),
  target         text not null check (target in ('local', 'netlify')),
  deploy_id      text,
  site_id        text,
  status         text not null default 'deploying'
                   check (status in ('deploying', 'draft', 'live', 'superseded', 'rolled_back', 'failed')),
  is_live        boolean generated always as (status = 'live') stored,
  url            text,
  preview_url    text,
  build_hash     text,
  content_digest text check (content_digest ~ '^[0-9a-f]{64}$'),
  file_count     integer check (file_count >= 0),
  bytes          bigint check (bytes >= 0),
  uploaded_files integer check (uploaded_files >= 0),
  scores         jsonb,
  gate_failures  text[] not null default '{}',
  published_by   text not null check (length(published_by) between 1 and 200),
  forced         boolean not null default false,
  restored_from  uuid references public.website_deployments (id) on delete set null,
  error          text,
  duration_ms    integer check (duration_ms >= 0),
  live_at        timestamptz,
  finished_at    timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  constraint website_deployments_website_fkey foreign key (website_id, user_id)
    references public.generated_websites (id, user_id) on delete cascade,
  constraint website_deployments_failed_has_error check (status <> 'failed' or error is not null),
  -- A rollback returns to a deploy that was live before; nothing is overridden, so it is never forced.
  constraint website_deployments_rollback_not_forced check (not (forced and action = 'rollback'))
);

comment on table public.website_deployments is
  'Every publish and rollback of a generated website: target deploy id, URL, status, scores, who published, forced or not.';
comment on column public.website_deployments.deploy_id is
  'The target''s deploy id: the local content digest prefix, or Netlify''s deploy id.';
comment on column public.website_deployments.site_id is
  'The target''s site: the Netlify site id, or the site slug on the local target.';
comment on column public.website_deployments.is_live is
  'Derived from status: at most one live deploy per website and target.';
comment on column public.website_deployments.scores is
  'The score summary (Lighthouse categories, check counts, content digest) the deploy was published with.';
comment on column public.website_deployments.gate_failures is
  'What the quality gate refused, for a deploy published with --force (forced = true).';
comment on column public.website_deployments.restored_from is
  'For a rollback: the earlier deployment made live again.';

create index website_deployments_user_id_idx on public.website_deployments (user_id);
create index website_deployments_website_id_user_id_idx on public.website_deployments (website_id, user_id);
create index website_deployments_restored_from_idx on public.website_deployments (restored_from);
create index website_deployments_history_idx on public.website_deployments (website_id, created_at desc);
create unique index website_deployments_one_live
  on public.website_deployments (website_id, target) where is_live;

create trigger set_updated_at before update on public.website_deployments
  for each row execute function public.set_updated_at();

-- The Netlify site is created on the first publish; deploys address it by name (netlify-cli resolves
-- a name without the extensions service, which an offline machine cannot reach).
alter table public.generated_websites add column netlify_site_name text;
comment on column public.generated_websites.netlify_site_name is
  'Name of the founder''s Netlify site (netlify_site_id is its id), created on first publish.';

-- -----------------------------------------------------------------------------
-- Row Level Security: founders read their own history; only the service role
-- (the publish pipeline) writes it. Supabase's default grants are replaced.
-- -----------------------------------------------------------------------------
alter table public.website_deployments enable row level security;

revoke all on table public.website_deployments from anon, authenticated;
grant all on table public.website_deployments to service_role;
grant select on table public.website_deployments to authenticated;

create policy founder_select_own on public.website_deployments
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));
