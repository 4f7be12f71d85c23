-- =============================================================================
-- supabase-compat.sql — make an embedded (PGlite) or plain PostgreSQL database
-- look like a fresh Supabase project, so that supabase/migrations/* apply
-- unchanged on both.
--
-- This is NOT a migration and is never applied to a real Supabase project (where
-- every object below already exists, owned by Supabase's own roles). Run it
-- once per database, before the migrations, as the role that will then run the
-- migrations (the superuser `postgres` on PGlite). Every statement creates or
-- grants only what is missing, so running it again is harmless.
--
-- What it provides (a compatible subset of a Supabase project):
--   roles       anon, authenticated, service_role (NOLOGIN NOINHERIT;
--               service_role BYPASSRLS) and authenticator (NOLOGIN here; member
--               of the three API roles, as on Supabase)
--   schemas     auth (table auth.users; functions uid(), role(), jwt()),
--               extensions (where Supabase installs extensions)
--   search_path "$user", public, extensions for the database, as on Supabase
--   privileges  usage on public/auth/extensions for the API roles, and the same
--               default privileges Supabase sets in schema public (all on new
--               tables, sequences and functions to anon, authenticated and
--               service_role) so that the migrations' explicit REVOKE/GRANT
--               statements start from the state they have on Supabase.
--
-- Extensions are created by the migrations, not here. gen_random_uuid() is in
-- core PostgreSQL (13+), so pgcrypto is not needed (PGlite does not ship it).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Roles used by Supabase's API gateway (PostgREST) and by policies.
-- PGlite supports CREATE ROLE, SET ROLE and BYPASSRLS (all verified by
-- tests/supabase); roles are cluster-wide, hence the existence checks.
-- -----------------------------------------------------------------------------
do $bootstrap$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  -- On Supabase, authenticator is the LOGIN role PostgREST connects as; it then
  -- switches to one of the API roles per request. Created NOLOGIN here: a plain
  -- PostgreSQL deployment that wants it gives it LOGIN and a password itself.
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticator') then
    create role authenticator nologin noinherit;
  end if;

  -- authenticator may switch to each API role (SET ROLE), as on Supabase.
  if not pg_catalog.pg_has_role('authenticator', 'anon', 'member') then
    grant anon to authenticator;
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'authenticated', 'member') then
    grant authenticated to authenticator;
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'service_role', 'member') then
    grant service_role to authenticator;
  end if;
end
$bootstrap$;

-- -----------------------------------------------------------------------------
-- Schemas.
-- -----------------------------------------------------------------------------
create schema if not exists auth;
create schema if not exists extensions;

grant usage on schema public to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;

-- Supabase resolves unqualified names (e.g. pgvector's <=> operator) through
-- "$user", public, extensions. Set it for the database unless a search_path is
-- already configured there (plain PostgreSQL applies it to new sessions), and
-- for this session. PGlite does not apply per-database settings when it opens
-- a data directory: code that opens the embedded database sets search_path
-- itself (or qualifies: operator(extensions.<=>)). Migrations never rely on it.
do $bootstrap$
begin
  if not exists (
    select 1
    from pg_catalog.pg_db_role_setting s
    join pg_catalog.pg_database d on d.oid = s.setdatabase
    where d.datname = pg_catalog.current_database()
      and s.setrole = 0
      and exists (select 1 from unnest(s.setconfig) c where c like 'search_path=%')
  ) then
    execute pg_catalog.format(
      'alter database %I set search_path = "$user", public, extensions',
      pg_catalog.current_database()
    );
  end if;
end
$bootstrap$;

set search_path = "$user", public, extensions;

-- -----------------------------------------------------------------------------
-- auth.users — the subset of Supabase Auth's table that this project reads or
-- references (public.users.auth_user_id references auth.users(id)).
-- -----------------------------------------------------------------------------
create table if not exists auth.users (
  id                 uuid primary key default gen_random_uuid(),
  email              text,
  raw_user_meta_data jsonb,
  raw_app_meta_data  jsonb,
  created_at         timestamptz default now(),
  updated_at         timestamptz default now()
);

-- -----------------------------------------------------------------------------
-- auth.uid(), auth.role(), auth.jwt() — same definitions as Supabase: they read
-- the claims PostgREST puts in request.jwt.claims (and the older per-claim
-- settings request.jwt.claim.*). Created only where missing so that a database
-- that already has them keeps its own.
-- -----------------------------------------------------------------------------
do $bootstrap$
begin
  if not exists (
    select 1 from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'uid' and p.pronargs = 0
  ) then
    execute $sql$
      create function auth.uid() returns uuid
      language sql stable
      as $fn$
        select coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid
      $fn$
    $sql$;
  end if;

  if not exists (
    select 1 from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'role' and p.pronargs = 0
  ) then
    execute $sql$
      create function auth.role() returns text
      language sql stable
      as $fn$
        select coalesce(
          nullif(current_setting('request.jwt.claim.role', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
        )::text
      $fn$
    $sql$;
  end if;

  if not exists (
    select 1 from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'jwt' and p.pronargs = 0
  ) then
    execute $sql$
      create function auth.jwt() returns jsonb
      language sql stable
      as $fn$
        select coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
      $fn$
    $sql$;
  end if;
end
$bootstrap$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- -----------------------------------------------------------------------------
-- Default privileges in schema public, as Supabase sets them for the role that
-- runs migrations: every new table, sequence and function is fully granted to
-- the three API roles, and Row Level Security decides which rows they reach.
-- The migrations narrow these grants table by table (see *_rls.sql).
-- GRANTs and ALTER DEFAULT PRIVILEGES are idempotent.
-- -----------------------------------------------------------------------------
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
