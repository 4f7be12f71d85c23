-- =============================================================================
-- Automatic builds: change capture and the build request.
--
-- When a founder's facts, readings, classification, media, approved copy or
-- palette pick change, or the template their site uses changes version, the
-- database records what changed in site_build_changes and requests a build of
-- that founder's site (generator/jobs/README.md):
--
--   site_build_changes    one row per captured change: the founder, the kind
--                         (field, type, reading, asset, section, setting,
--                         template), the refs (field names, asset ids, section
--                         ids, the template id), who made it; job_id is the
--                         build job that took it (null while it waits).
--   build_queue.settings  one row: the debounce window of the queue (a private
--                         schema: not exposed through Supabase's API).
--   request_site_build()  records the change, inserts a job for the founder
--                         into pg-boss's `site-build` queue when pg-boss is
--                         installed (due after the debounce window; a job that
--                         already waits absorbs the change), and NOTIFYs
--                         `dreamseed_site_build` with the new job's due time,
--                         so idle workers wake then instead of at their next poll.
--                         Without pg-boss (no worker ever started) the change
--                         is only recorded; a worker enqueues it when it starts.
--
-- Writes that must not request a build say so for their transaction:
--   set local dreamseed.origin = 'build'  the generator recording a build
--                                         (sections, swatches, palette options);
--                                         with dreamseed.build_user = the founder
--   set local dreamseed.origin = 'seed'   loading the demo founders
-- Everything else (founders, the studio, transcripts, operators, SQL) does.
-- All of it runs unchanged on PGlite and PostgreSQL 15+.
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

create table public.site_build_changes (
  id         uuid primary key default gen_random_uuid(),
  user_id    uuid not null references public.users (id) on delete cascade,
  kind       text not null
               check (kind in ('field', 'type', 'reading', 'asset', 'section', 'setting', 'template')),
  refs       text[] not null check (cardinality(refs) >= 1),
  operation  text not null check (operation in ('insert', 'update', 'delete')),
  actor      text,
  job_id     uuid,
  claimed_at timestamptz,
  -- When the change was made (not when its transaction began): orders changes, and measures
  -- the time from a change to its build.
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default now(),
  constraint site_build_changes_claim check ((job_id is null) = (claimed_at is null))
);

comment on table public.site_build_changes is
  'What changed for a founder''s site since its last automatic build; written by triggers, claimed by build jobs.';
comment on column public.site_build_changes.refs is
  'field/type: column names; reading: the field; asset: media_assets ids; section: website_sections ids; setting: generated_websites columns; template: the template id.';
comment on column public.site_build_changes.job_id is
  'The pg-boss job (queue site-build) whose build took this change; null while it waits for one.';

create index site_build_changes_user_id_idx on public.site_build_changes (user_id);
create index site_build_changes_waiting_idx on public.site_build_changes (user_id) where job_id is null;
create index site_build_changes_job_id_idx on public.site_build_changes (job_id) where job_id is not null;

create trigger set_updated_at before update on public.site_build_changes
  for each row execute function public.set_updated_at();

create schema if not exists build_queue;
revoke all on schema build_queue from public;

create table build_queue.settings (
  id          boolean primary key default true check (id),
  debounce_ms integer not null default 3000 check (debounce_ms between 0 and 600000),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

comment on table build_queue.settings is
  'The build queue''s settings (one row): edits within debounce_ms of the first become one build.';

insert into build_queue.settings default values;

create trigger set_updated_at before update on build_queue.settings
  for each row execute function public.set_updated_at();

-- -----------------------------------------------------------------------------
-- Who is writing: 'build' (the generator), 'seed', or '' (anyone else).
-- -----------------------------------------------------------------------------
create or replace function public.site_build_origin()
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(current_setting('dreamseed.origin', true), '')
$$;

-- The columns whose values differ between two rows (jsonb; either may be null
-- for an insert or a delete), leaving out `ignored`.
create or replace function public.site_build_changed_columns(old_row jsonb, new_row jsonb, ignored text[])
returns text[]
language sql
immutable
set search_path = ''
as $$
  select coalesce(array_agg(k.key order by k.key), '{}')
  from (
    select key from jsonb_object_keys(coalesce(old_row, '{}'::jsonb)) as key
    union
    select key from jsonb_object_keys(coalesce(new_row, '{}'::jsonb)) as key
  ) as k
  where k.key <> all (ignored)
    and coalesce(old_row -> k.key, 'null'::jsonb) is distinct from coalesce(new_row -> k.key, 'null'::jsonb)
$$;

-- -----------------------------------------------------------------------------
-- The job: a row in pg-boss's `site-build` queue, inserted the way pg-boss's
-- own send() does (the queue's policy, retry, expiry, retention, dead letter
-- and heartbeat copied from its queue row; the stately policy's unique index
-- keeps one waiting job per founder, so `on conflict do nothing` is the
-- debounce). Dynamic SQL: pg-boss's schema may not exist yet. Pinned to
-- pg-boss 12.38.0; tests/generator/jobs/trigger-contract.test.ts checks it.
-- Returns whether a job was inserted.
-- -----------------------------------------------------------------------------
create or replace function public.site_build_enqueue(p_user uuid, p_due timestamptz)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_table text;
  v_inserted integer;
begin
  if to_regclass('pgboss.queue') is null then
    return false;
  end if;
  execute 'select table_name from pgboss.queue where name = $1' into v_table using 'site-build';
  if v_table is null then
    return false;
  end if;
  execute format($sql$
    insert into pgboss.%I
      (name, data, priority, start_after, created_on, singleton_key, expire_seconds, deletion_seconds,
       keep_until, retry_limit, retry_delay, retry_backoff, retry_delay_max, policy, dead_letter,
       heartbeat_seconds)
    select q.name, jsonb_build_object('user_id', $1), 0, $2, pgboss.job_now(), $1::text,
           coalesce(q.expire_seconds, 900), coalesce(q.deletion_seconds, 604800),
           $2 + coalesce(q.retention_seconds, 1209600) * interval '1 second',
           coalesce(q.retry_limit, 2), coalesce(q.retry_delay, 0), coalesce(q.retry_backoff, false),
           q.retry_delay_max, q.policy, q.dead_letter, q.heartbeat_seconds
      from pgboss.queue q
     where q.name = 'site-build'
    on conflict do nothing
  $sql$, v_table) using p_user, p_due;
  get diagnostics v_inserted = row_count;
  return v_inserted > 0;
end;
$$;

-- -----------------------------------------------------------------------------
-- Record a change and request a build of the founder's site.
-- -----------------------------------------------------------------------------
create or replace function public.request_site_build(
  p_user uuid,
  p_kind text,
  p_refs text[],
  p_operation text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_due timestamptz;
begin
  -- Deleting a founder cascades to their rows: nothing to build for someone who no longer exists.
  if p_user is null or not exists (select 1 from public.users u where u.id = p_user) then
    return;
  end if;
  insert into public.site_build_changes (user_id, kind, refs, operation, actor)
  values (p_user, p_kind, p_refs, p_operation, public.request_actor());
  select now() + s.debounce_ms * interval '1 millisecond' into v_due from build_queue.settings s;
  v_due := coalesce(v_due, now() + interval '3 seconds');
  -- A new job wakes idle workers at its due time; one already waiting absorbed the change.
  if public.site_build_enqueue(p_user, v_due) then
    perform pg_notify(
      'dreamseed_site_build',
      json_build_object('user_id', p_user, 'due_ms', floor(extract(epoch from v_due) * 1000))::text
    );
  end if;
end;
$$;

-- -----------------------------------------------------------------------------
-- The capture trigger (one function; TG_ARGV[0] is the kind).
-- -----------------------------------------------------------------------------
create or replace function public.site_build_capture()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_kind text := tg_argv[0];
  v_changed text[];
  v_refs text[];
begin
  if public.site_build_origin() in ('build', 'seed') then
    return null;
  end if;
  v_changed := public.site_build_changed_columns(
    v_old, v_new, array['id', 'user_id', 'version', 'updated_by', 'created_at', 'updated_at']);
  if cardinality(v_changed) = 0 then
    return null;
  end if;
  if v_kind = 'field' then
    -- The facts that changed: a changed confidence or validation names its fields; where the
    -- version came from (extraction_source, validated_by_user) is not on the site.
    select coalesce(array_agg(distinct r order by r), '{}') into v_refs
      from unnest(
             v_changed
             || public.site_build_changed_columns(v_old -> 'field_confidence', v_new -> 'field_confidence', '{}')
             || array(
                  (select jsonb_array_elements_text(coalesce(v_old -> 'validated_fields', '[]'::jsonb))
                   except select jsonb_array_elements_text(coalesce(v_new -> 'validated_fields', '[]'::jsonb)))
                  union
                  (select jsonb_array_elements_text(coalesce(v_new -> 'validated_fields', '[]'::jsonb))
                   except select jsonb_array_elements_text(coalesce(v_old -> 'validated_fields', '[]'::jsonb))))
           ) as r
     where r not in ('field_confidence', 'validated_fields', 'extraction_source', 'validated_by_user');
    if cardinality(v_refs) = 0 then
      return null;
    end if;
  elsif v_kind = 'type' then
    v_refs := v_changed;
  elsif v_kind = 'reading' then
    v_refs := array[v_row ->> 'field_name'];
  elsif v_kind = 'section' then
    -- A revision replaced by a new one: the new revision's insert is the change.
    if tg_op = 'UPDATE' and v_changed = array['is_current'] and not (v_new ->> 'is_current')::boolean then
      return null;
    end if;
    v_refs := array[v_row ->> 'id'];
  else
    v_refs := array[v_row ->> 'id'];
  end if;
  perform public.request_site_build((v_row ->> 'user_id')::uuid, v_kind, v_refs, lower(tg_op));
  return null;
end;
$$;

create trigger site_build_capture after insert or update or delete on public.dream_dna_truth
  for each row execute function public.site_build_capture('field');
create trigger site_build_capture after insert or update or delete on public.dream_dna_type
  for each row execute function public.site_build_capture('type');
create trigger site_build_capture after insert or update or delete on public.dream_dna_probability
  for each row execute function public.site_build_capture('reading');
create trigger site_build_capture after insert or update or delete on public.media_assets
  for each row execute function public.site_build_capture('asset');
create trigger site_build_capture after insert or update or delete on public.website_sections
  for each row execute function public.site_build_capture('section');

-- The founder's palette pick (the generator records the options and its own pick as a build write).
create or replace function public.site_build_capture_setting()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if public.site_build_origin() in ('build', 'seed') then
    return null;
  end if;
  perform public.request_site_build(new.user_id, 'setting', array['selected_palette'], 'update');
  return null;
end;
$$;

create trigger site_build_capture after update of selected_palette on public.generated_websites
  for each row when (old.selected_palette is distinct from new.selected_palette)
  execute function public.site_build_capture_setting();

-- A new version of a template rebuilds every site that uses it. A build that syncs the catalogue
-- is rebuilding its own founder's site already (dreamseed.build_user); the others are requested.
create or replace function public.site_build_capture_template()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid;
begin
  if public.site_build_origin() = 'seed' then
    return null;
  end if;
  for v_user in
    select distinct w.user_id from public.generated_websites w
     where w.template_id = new.id
       and w.user_id::text is distinct from nullif(current_setting('dreamseed.build_user', true), '')
  loop
    perform public.request_site_build(v_user, 'template', array[new.id], 'update');
  end loop;
  return null;
end;
$$;

create trigger site_build_capture after update of version_hash on public.website_templates
  for each row when (old.version_hash is distinct from new.version_hash)
  execute function public.site_build_capture_template();

-- -----------------------------------------------------------------------------
-- Privileges. Founders read their own change log (what their next build will
-- pick up); only the service role writes it. The settings schema is the
-- database owner's and the service role's. Trigger and request functions are
-- called by the database, never by clients.
-- -----------------------------------------------------------------------------
alter table public.site_build_changes enable row level security;

revoke all on table public.site_build_changes from anon, authenticated;
grant all on table public.site_build_changes to service_role;
grant select on table public.site_build_changes to authenticated;

revoke all on table build_queue.settings from public, anon, authenticated;
grant usage on schema build_queue to service_role;
grant select, update on table build_queue.settings to service_role;

create policy founder_select_own on public.site_build_changes
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

revoke execute on function public.site_build_capture() from public, anon, authenticated;
revoke execute on function public.site_build_capture_setting() from public, anon, authenticated;
revoke execute on function public.site_build_capture_template() from public, anon, authenticated;
revoke execute on function public.request_site_build(uuid, text, text[], text) from public, anon, authenticated;
revoke execute on function public.site_build_enqueue(uuid, timestamptz) from public, anon, authenticated;
revoke execute on function public.site_build_origin() from public, anon;
revoke execute on function public.site_build_changed_columns(jsonb, jsonb, text[]) from public, anon;
grant execute on function public.request_site_build(uuid, text, text[], text) to service_role;
grant execute on function public.site_build_enqueue(uuid, timestamptz) to service_role;
grant execute on function public.site_build_origin() to authenticated, service_role;
grant execute on function public.site_build_changed_columns(jsonb, jsonb, text[]) to authenticated, service_role;
