-- =============================================================================
-- Auto-publish: the founder's choice that an automatic build (generator/jobs)
-- also goes live when it passes the publish gate. Off by default: an automatic
-- build only refreshes the preview. Set with `dreamseed publish --auto on|off`
-- (or by the founder in the studio: founders may update their own row).
--   auto_publish         publish automatic builds that pass the gate
--   auto_publish_target  where to (a deploy target name); null: the worker's
--                        default target (DREAMSEED_DEPLOY_TARGET)
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================
alter table public.generated_websites
  add column auto_publish boolean not null default false,
  add column auto_publish_target text check (auto_publish_target ~ '^[a-z][a-z0-9-]*$');

comment on column public.generated_websites.auto_publish is
  'Publish automatic builds that pass the publish gate (never forced); off: automatic builds refresh the preview only.';
comment on column public.generated_websites.auto_publish_target is
  'Deploy target for auto-publish; null: the worker''s default (DREAMSEED_DEPLOY_TARGET).';
