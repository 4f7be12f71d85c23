-- =============================================================================
-- Which facts the founder validated, field by field.
--
-- dream_dna_truth.validated_by_user and extraction_source describe the write
-- that produced the current version (the history keeps them per version).
-- They cannot say which of the row's facts the founder set or confirmed,
-- and that is what an extraction must respect: a fact the founder validated is
-- never overwritten by a later extraction (its conflicting reading becomes an
-- alternative in dream_dna_probability instead; generator/dna/write-facts.ts).
--
--   validated_fields  the fact columns the founder set or confirmed; such a
--                     field also carries field_confidence 1.
--
-- dream_dna_type gets the same for its classification columns. Both columns
-- are tracked by the truth history like any other column.
-- Conventions: see 20261125000001_core_schema.sql.
-- =============================================================================
alter table public.dream_dna_truth
  add column validated_fields text[] not null default '{}';
comment on column public.dream_dna_truth.validated_fields is
  'Fact columns the founder set or confirmed (field_confidence 1); extractions never overwrite them.';

alter table public.dream_dna_type
  add column validated_fields text[] not null default '{}';
comment on column public.dream_dna_type.validated_fields is
  'Classification columns the founder set or confirmed; the classifier never overwrites them.';
