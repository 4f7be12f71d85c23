-- =============================================================================
-- Who wrote it, when a service writes for someone: request_actor() (used by
-- the DNA history's changed_by and the build change log's actor) now takes
-- the transaction's `dreamseed.actor` setting when the request carries no
-- signed-in founder. The transcript extraction writes as the service role
-- with `set local dreamseed.actor = 'call_2'`, so the history says call_2
-- rather than service_role (generator/dna/write-facts.ts). A founder's own
-- request still records the founder: auth.uid() comes first, so a setting
-- cannot disguise who a signed-in founder is.
-- =============================================================================
create or replace function public.request_actor()
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(
    auth.uid()::text,
    nullif(current_setting('dreamseed.actor', true), ''),
    nullif(auth.role(), ''),
    nullif(current_setting('role', true), 'none'),
    session_user::text
  )
$$;

comment on function public.request_actor() is
  'The identity behind the current statement: auth.uid(), else the dreamseed.actor setting (a service writing for an extraction such as call_2), else auth.role(), else the SET ROLE role, else session_user.';
