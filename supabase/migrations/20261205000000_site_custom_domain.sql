-- =============================================================================
-- The domain a founder chose (POST /api/save-domain): the site's canonical URL
-- follows it (https://<custom_domain>/ instead of DREAMSEED_SITE_URL's address).
-- Written by the service role (the save-domain endpoint, for the founder it
-- authenticated); founders read it (and may not write it: see the column
-- grants of *_generated_websites_column_grants.sql). The endpoint requests a
-- build, so the preview's canonical links, sitemap and JSON-LD follow.
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

alter table public.generated_websites
  add column custom_domain text
    check (custom_domain ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$'
           and length(custom_domain) <= 253),
  add column domain_selected_at timestamptz;

comment on column public.generated_websites.custom_domain is
  'The domain the founder chose (save-domain), lowercase, no scheme; the canonical URL is https://<custom_domain>/. Null: DREAMSEED_SITE_URL.';
comment on column public.generated_websites.domain_selected_at is
  'When custom_domain was last chosen.';
