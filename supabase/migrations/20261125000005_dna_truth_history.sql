-- =============================================================================
-- Dream DNA truth versioning and history.
--
-- dream_dna_truth holds the current facts (one row per founder). Every UPDATE
-- that changes a fact, and every DELETE, writes the previous row to
-- dream_dna_truth_history, so every earlier value is recoverable together with
-- who changed it, which fields changed, and where the old value came from.
--
--   BEFORE INSERT OR UPDATE  dream_dna_truth_versioning (security invoker)
--     INSERT: version := 1, updated_by := request_actor()
--     UPDATE: if any fact changed, version := old.version + 1 and
--             updated_by := request_actor(); otherwise both stay as they were
--             (clients cannot set version or updated_by themselves).
--   AFTER UPDATE OR DELETE   dream_dna_truth_history (security definer)
--     writes one history row describing the replaced version: the whole old
--     row as jsonb, the changed fields, the old row's extraction_source and
--     validated_by_user, changed_by (the actor) and changed_at.
--
-- "Facts" are all columns except id, version, updated_by, created_at and
-- updated_at; a column added to dream_dna_truth later is tracked automatically.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- History table: append-only, written only by the trigger below (founders can
-- read their own rows; nobody but the service role can write or delete).
-- truth_id has no foreign key on purpose: history outlives a deleted truth row.
-- -----------------------------------------------------------------------------
create table public.dream_dna_truth_history (
  id                uuid primary key default gen_random_uuid(),
  truth_id          uuid not null,
  user_id           uuid not null references public.users (id) on delete cascade,
  version           integer not null check (version >= 1),
  operation         text not null check (operation in ('update', 'delete')),
  previous          jsonb not null,
  changed_fields    text[] not null default '{}',
  extraction_source text,
  validated_by_user boolean,
  changed_by        text,
  changed_at        timestamptz not null default now(),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  constraint dream_dna_truth_history_truth_version_key unique (truth_id, version)
);

comment on table public.dream_dna_truth_history is
  'Earlier versions of dream_dna_truth rows, written by trigger; append-only.';
comment on column public.dream_dna_truth_history.version is
  'The version of the truth row that was replaced (previous.version).';
comment on column public.dream_dna_truth_history.previous is
  'The whole replaced dream_dna_truth row as jsonb.';
comment on column public.dream_dna_truth_history.changed_fields is
  'update: the facts whose value changed; delete: the facts that held a value.';
comment on column public.dream_dna_truth_history.extraction_source is
  'extraction_source of the replaced version (where the old values came from).';
comment on column public.dream_dna_truth_history.validated_by_user is
  'validated_by_user of the replaced version.';
comment on column public.dream_dna_truth_history.changed_by is
  'Who replaced it: auth.uid(), else the JWT role, else the database role (see request_actor()).';

create index dream_dna_truth_history_user_id_idx on public.dream_dna_truth_history (user_id);

create trigger set_updated_at before update on public.dream_dna_truth_history
  for each row execute function public.set_updated_at();

-- Append-only: history rows are never rewritten (deleting them, for retention
-- or with the founder's account, stays possible).
create or replace function public.reject_history_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'dream_dna_truth_history is append-only: rows cannot be updated'
    using errcode = 'restrict_violation',
          hint = 'History rows are written by the dream_dna_truth_history trigger; change dream_dna_truth instead.';
end;
$$;

create trigger dream_dna_truth_history_append_only before update on public.dream_dna_truth_history
  for each row execute function public.reject_history_update();

-- -----------------------------------------------------------------------------
-- The facts that differ between two versions of a truth row (sorted by name).
-- -----------------------------------------------------------------------------
create or replace function public.dream_dna_truth_changed_fields(
  old_row public.dream_dna_truth,
  new_row public.dream_dna_truth
)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select coalesce(array_agg(o.key order by o.key), '{}')
  from jsonb_each(to_jsonb(old_row)) as o
  where o.key not in ('id', 'version', 'updated_by', 'created_at', 'updated_at')
    and o.value is distinct from (to_jsonb(new_row) -> o.key)
$$;

-- -----------------------------------------------------------------------------
-- BEFORE INSERT OR UPDATE: own version and updated_by.
-- Security invoker, so request_actor() sees the caller.
-- -----------------------------------------------------------------------------
create or replace function public.dream_dna_truth_versioning()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.version := 1;
    new.updated_by := public.request_actor();
  elsif cardinality(public.dream_dna_truth_changed_fields(old, new)) > 0 then
    new.version := old.version + 1;
    new.updated_by := public.request_actor();
  else
    new.version := old.version;
    new.updated_by := old.updated_by;
  end if;
  return new;
end;
$$;

create trigger dream_dna_truth_versioning before insert or update on public.dream_dna_truth
  for each row execute function public.dream_dna_truth_versioning();

-- -----------------------------------------------------------------------------
-- AFTER UPDATE OR DELETE: write the replaced version to history.
-- Security definer because founders have no write access to the history table.
-- -----------------------------------------------------------------------------
create or replace function public.dream_dna_truth_record_history()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    -- The versioning trigger bumps version exactly when a fact changed.
    if new.version = old.version then
      return null;
    end if;

    insert into public.dream_dna_truth_history
      (truth_id, user_id, version, operation, previous, changed_fields,
       extraction_source, validated_by_user, changed_by)
    values
      (old.id, old.user_id, old.version, 'update', to_jsonb(old),
       public.dream_dna_truth_changed_fields(old, new),
       old.extraction_source, old.validated_by_user, new.updated_by);
  else
    -- Deleting the founder's users row cascades here and to the history table;
    -- nothing is recorded for a founder who no longer exists.
    if not exists (select 1 from public.users u where u.id = old.user_id) then
      return null;
    end if;

    insert into public.dream_dna_truth_history
      (truth_id, user_id, version, operation, previous, changed_fields,
       extraction_source, validated_by_user, changed_by)
    values
      (old.id, old.user_id, old.version, 'delete', to_jsonb(old),
       array(
         select f.key
         from jsonb_each(to_jsonb(old)) as f
         where f.key not in ('id', 'version', 'updated_by', 'created_at', 'updated_at')
           and f.value <> 'null'::jsonb
         order by f.key
       ),
       old.extraction_source, old.validated_by_user, public.request_actor());
  end if;
  return null;
end;
$$;

create trigger dream_dna_truth_history after update or delete on public.dream_dna_truth
  for each row execute function public.dream_dna_truth_record_history();

-- -----------------------------------------------------------------------------
-- Function privileges. Supabase grants EXECUTE on new functions in public to
-- anon and authenticated by default; narrow that explicitly.
--   * the security definer trigger function: nobody calls it directly;
--   * helpers the invoker trigger calls as the founder: authenticated and
--     service_role only.
-- -----------------------------------------------------------------------------
revoke execute on function public.dream_dna_truth_record_history() from public, anon, authenticated;

revoke execute on function public.request_actor() from public, anon;
revoke execute on function public.dream_dna_truth_changed_fields(public.dream_dna_truth, public.dream_dna_truth)
  from public, anon;
grant execute on function public.request_actor() to authenticated, service_role;
grant execute on function public.dream_dna_truth_changed_fields(public.dream_dna_truth, public.dream_dna_truth)
  to authenticated, service_role;
