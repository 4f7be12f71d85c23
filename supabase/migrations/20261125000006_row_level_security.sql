-- =============================================================================
-- Row Level Security, table privileges and policies for every table in public.
--
-- Two layers, each enough on its own to stop a founder reaching someone
-- else's data, and tested together by tests/supabase/rls.test.ts:
--   * privileges say which VERBS a role may use on a table;
--   * policies say which ROWS those verbs reach.
--
-- Roles (Supabase's):
--   anon           no privileges and no policies on any table here.
--   authenticated  a signed-in founder. Reaches only rows whose user_id is the
--                  founder's own users.id (users: auth_user_id = auth.uid()).
--   service_role   server-side code (generator, pipeline, webhooks). Has every
--                  privilege and BYPASSRLS: policies do not apply to it.
--
-- What a founder may do (everything else is written by the service role):
--   users                    select, insert (profile columns, only with
--                            auth_user_id = auth.uid()), update (profile
--                            columns only: not auth_user_id, billing, call
--                            progress, workflow or assistant columns); no delete
--   dream_dna_truth          select, insert, update (correct and validate
--                            facts; every change is versioned); no delete
--   dream_dna_probability    select, update (confirm or pick an interpretation)
--   dream_dna_type           select, update (e.g. preferred template)
--   generated_websites       select, update (palette, visibility)
--   website_sections         select, insert (a founder-edited revision),
--                            update (approve / reject / edit); revisions are
--                            never deleted by founders
--   file_buckets, media_assets, business_assessment, assessment_responses
--                            select, insert, update, delete (their uploads,
--                            media curation, questionnaires)
--   dream_dna_truth_history, conversation_sessions, transcripts_raw,
--   transcripts_vectorized, dream_dna, ai_analysis, conversations,
--   call_sessions, vapi_calls, user_sessions, domain_searches
--                            select only (produced by the pipeline or
--                            integrations; history is written by trigger)
--   website_templates        select, every row, for any signed-in user
--   webhooks_logs            nothing (service role only)
--
-- Policies compare with (select auth.uid()) so PostgreSQL evaluates it once per
-- statement, and never read user_metadata (raw_user_meta_data is editable by
-- the user and must not drive authorization).
-- =============================================================================

-- -----------------------------------------------------------------------------
-- 1. Enable Row Level Security on every table.
-- -----------------------------------------------------------------------------
alter table public.users                   enable row level security;
alter table public.website_templates       enable row level security;
alter table public.dream_dna_truth         enable row level security;
alter table public.dream_dna_truth_history enable row level security;
alter table public.dream_dna_probability   enable row level security;
alter table public.dream_dna_type          enable row level security;
alter table public.conversation_sessions   enable row level security;
alter table public.transcripts_raw         enable row level security;
alter table public.transcripts_vectorized  enable row level security;
alter table public.file_buckets            enable row level security;
alter table public.media_assets            enable row level security;
alter table public.generated_websites      enable row level security;
alter table public.website_sections        enable row level security;
alter table public.dream_dna               enable row level security;
alter table public.ai_analysis             enable row level security;
alter table public.conversations           enable row level security;
alter table public.call_sessions           enable row level security;
alter table public.vapi_calls              enable row level security;
alter table public.webhooks_logs           enable row level security;
alter table public.business_assessment     enable row level security;
alter table public.assessment_responses    enable row level security;
alter table public.user_sessions           enable row level security;
alter table public.domain_searches         enable row level security;

-- -----------------------------------------------------------------------------
-- 2. Privileges. Supabase grants ALL on new tables to anon, authenticated and
--    service_role; replace that with exactly the verbs of the matrix above.
--    (TRUNCATE in particular ignores RLS, so API roles must never hold it.)
-- -----------------------------------------------------------------------------
revoke all on table
  public.users, public.website_templates,
  public.dream_dna_truth, public.dream_dna_truth_history,
  public.dream_dna_probability, public.dream_dna_type,
  public.conversation_sessions, public.transcripts_raw, public.transcripts_vectorized,
  public.file_buckets, public.media_assets,
  public.generated_websites, public.website_sections,
  public.dream_dna, public.ai_analysis,
  public.conversations, public.call_sessions, public.vapi_calls, public.webhooks_logs,
  public.business_assessment, public.assessment_responses,
  public.user_sessions, public.domain_searches
from anon, authenticated;

grant all on table
  public.users, public.website_templates,
  public.dream_dna_truth, public.dream_dna_truth_history,
  public.dream_dna_probability, public.dream_dna_type,
  public.conversation_sessions, public.transcripts_raw, public.transcripts_vectorized,
  public.file_buckets, public.media_assets,
  public.generated_websites, public.website_sections,
  public.dream_dna, public.ai_analysis,
  public.conversations, public.call_sessions, public.vapi_calls, public.webhooks_logs,
  public.business_assessment, public.assessment_responses,
  public.user_sessions, public.domain_searches
to service_role;

-- users: reads the whole row; writes only the self-service profile columns.
grant select on table public.users to authenticated;
grant insert (
  auth_user_id, slug,
  customer_name, customer_email, customer_phone,
  business_name, business_type, state_of_operation, entity_type,
  package_preference, urgency_level, timeline
) on table public.users to authenticated;
grant update (
  customer_name, customer_email, customer_phone,
  business_name, business_type, state_of_operation, entity_type,
  package_preference, urgency_level, timeline
) on table public.users to authenticated;

grant select on table
  public.website_templates,
  public.dream_dna_truth_history,
  public.conversation_sessions, public.transcripts_raw, public.transcripts_vectorized,
  public.dream_dna, public.ai_analysis,
  public.conversations, public.call_sessions, public.vapi_calls,
  public.user_sessions, public.domain_searches
to authenticated;

grant select, update on table
  public.dream_dna_probability, public.dream_dna_type, public.generated_websites
to authenticated;

grant select, insert, update on table
  public.dream_dna_truth, public.website_sections
to authenticated;

grant select, insert, update, delete on table
  public.file_buckets, public.media_assets,
  public.business_assessment, public.assessment_responses
to authenticated;

-- -----------------------------------------------------------------------------
-- 3. Policies.
-- -----------------------------------------------------------------------------

-- users: the founder's own profile row.
create policy founder_select_own on public.users
  for select to authenticated
  using (auth_user_id = (select auth.uid()));

create policy founder_insert_own on public.users
  for insert to authenticated
  with check (auth_user_id = (select auth.uid()));

create policy founder_update_own on public.users
  for update to authenticated
  using (auth_user_id = (select auth.uid()))
  with check (auth_user_id = (select auth.uid()));

-- website_templates: the shared library, readable by every signed-in user.
create policy authenticated_select_all on public.website_templates
  for select to authenticated
  using (true);

-- dream_dna_truth
create policy founder_select_own on public.dream_dna_truth
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_insert_own on public.dream_dna_truth
  for insert to authenticated
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.dream_dna_truth
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

-- dream_dna_probability, dream_dna_type, generated_websites: read and update.
create policy founder_select_own on public.dream_dna_probability
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.dream_dna_probability
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.dream_dna_type
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.dream_dna_type
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.generated_websites
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.generated_websites
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

-- website_sections: read, add a revision, update; the composite foreign key
-- (website_id, user_id) keeps a section under a website of the same founder.
create policy founder_select_own on public.website_sections
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_insert_own on public.website_sections
  for insert to authenticated
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.website_sections
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

-- file_buckets, media_assets, business_assessment, assessment_responses:
-- full control of the founder's own rows.
create policy founder_select_own on public.file_buckets
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_insert_own on public.file_buckets
  for insert to authenticated
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.file_buckets
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_delete_own on public.file_buckets
  for delete to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.media_assets
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_insert_own on public.media_assets
  for insert to authenticated
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.media_assets
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_delete_own on public.media_assets
  for delete to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.business_assessment
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_insert_own on public.business_assessment
  for insert to authenticated
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.business_assessment
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_delete_own on public.business_assessment
  for delete to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.assessment_responses
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_insert_own on public.assessment_responses
  for insert to authenticated
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_update_own on public.assessment_responses
  for update to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())))
  with check (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_delete_own on public.assessment_responses
  for delete to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

-- Read-only for the founder: history (written by trigger), pipeline output,
-- legacy and analytics tables.
create policy founder_select_own on public.dream_dna_truth_history
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.conversation_sessions
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.transcripts_raw
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.transcripts_vectorized
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.dream_dna
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.ai_analysis
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.conversations
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.call_sessions
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.vapi_calls
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.user_sessions
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

create policy founder_select_own on public.domain_searches
  for select to authenticated
  using (user_id in (select u.id from public.users u where u.auth_user_id = (select auth.uid())));

-- webhooks_logs: RLS enabled and deliberately no policy (service role only).
