-- =============================================================================
-- One transcript per founder and consultation call.
--
-- `dreamseed transcripts add --user ID --call N FILE` (and the transcript
-- processor behind POST /api/transcript-processor) keep one transcripts_raw
-- row per founder and call number: adding the same call again with the same
-- content changes nothing, and with different content replaces the row in
-- place (the replaced text is kept in metadata.previous_versions). This index
-- makes that rule hold under concurrent adds, and is what the upsert names.
-- Rows without a call number (imports of unnumbered calls) are not limited.
-- =============================================================================

create unique index transcripts_raw_user_call_key
  on public.transcripts_raw (user_id, call_number)
  where call_number is not null;

comment on index public.transcripts_raw_user_call_key is
  'One transcript per founder and consultation call (1-4); re-adding a call replaces it.';
