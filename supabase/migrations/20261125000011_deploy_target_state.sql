-- =============================================================================
-- Deploy targets are the application's registry (generator/deploy/targets.ts),
-- not the schema's: a new target needs no migration.
--
-- * generated_websites.deploy_remote holds what each target remembers about the
--   founder's site, under the target's name: {"netlify": {"id": …, "name": …}}.
--   Each driver validates its own entry when it reads it. The Netlify site's id
--   and name move there from netlify_site_id / netlify_site_name.
-- * netlify_site_id, a column of the DreamSeed schema specification, stays for
--   readers outside this project, now derived from deploy_remote (read-only).
-- * website_deployments.target takes any target name (lower-case letters,
--   digits, hyphens); the application checks it against the registry.
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

alter table public.generated_websites
  add column deploy_remote jsonb not null default '{}'::jsonb
    constraint generated_websites_deploy_remote_object check (jsonb_typeof(deploy_remote) = 'object');

comment on column public.generated_websites.deploy_remote is
  'What each deploy target remembers about the site, by target name (e.g. {"netlify": {"id", "name"}}); written by the publish pipeline.';

-- Everything moves, an id without a name too (no code of this project writes one): the Netlify driver
-- then names the missing field instead of setting up a second site.
update public.generated_websites
   set deploy_remote = jsonb_build_object(
         'netlify', jsonb_strip_nulls(jsonb_build_object('id', netlify_site_id, 'name', netlify_site_name)))
 where netlify_site_id is not null or netlify_site_name is not null;

alter table public.generated_websites drop column netlify_site_name;
alter table public.generated_websites drop column netlify_site_id;
alter table public.generated_websites
  add column netlify_site_id text generated always as (deploy_remote #>> '{netlify,id}') stored;

comment on column public.generated_websites.netlify_site_id is
  'The founder''s Netlify site id (DreamSeed schema specification): derived from deploy_remote -> netlify -> id.';

alter table public.website_deployments drop constraint website_deployments_target_check;
alter table public.website_deployments
  add constraint website_deployments_target_check check (target ~ '^[a-z][a-z0-9-]{0,31}$');

comment on column public.website_deployments.target is
  'The deploy target''s name (generator/deploy/targets.ts registers them): local, netlify, …';
