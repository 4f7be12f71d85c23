-- =============================================================================
-- Founders may change only their own choices on their site record, not what the
-- generator and the deploy path record. Before: `grant update on
-- generated_websites to authenticated` let a founder (under RLS, on their own
-- row) set any column: deployment_url, build_dir, deployment_status,
-- published_by, lighthouse_scores, custom_domain, even user_id to another
-- founder's id that the policy's WITH CHECK would catch only for user_id.
-- Now: column grants for the founder's own choices; everything else is written
-- by the service role (the pipeline, publishing, save-domain).
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================

revoke update on table public.generated_websites from authenticated;

grant update (selected_palette, is_public, auto_publish, auto_publish_target)
  on table public.generated_websites to authenticated;

