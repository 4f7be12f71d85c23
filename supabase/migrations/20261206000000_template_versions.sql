-- =============================================================================
-- Template versions: a site records the catalogue version of the template that
-- built it, and a new version of a template rebuilds only the sites built with
-- another version (generator/catalog/README.md, "Template versions").
--
--   generated_websites.template_version  website_templates.version_hash of the
--                                        template at the site's last build (null:
--                                        built before versions were recorded).
--
-- site_build_capture_template() (20261201000100_site_build_queue.sql) is
-- replaced: the sites it requests are those on the template whose recorded
-- version differs from the new one. The request still goes through the
-- automatic-builds queue (kind 'template'); the build job never auto-publishes
-- a build whose only changes are template versions (generator/jobs/build-job.ts).
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

alter table public.generated_websites add column template_version text;

comment on column public.generated_websites.template_version is
  'website_templates.version_hash of the template when the site was last built (null: not recorded).';

create index generated_websites_template_version_idx
  on public.generated_websites (template_id, template_version);

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
       and w.template_version is distinct from new.version_hash
       and w.user_id::text is distinct from nullif(current_setting('dreamseed.build_user', true), '')
  loop
    perform public.request_site_build(v_user, 'template', array[new.id], 'update');
  end loop;
  return null;
end;
$$;

revoke execute on function public.site_build_capture_template() from public, anon, authenticated;
