-- =============================================================================
-- Open classifier vocabularies. The database specification does not close the
-- labels of dream_dna_type.business_archetype, secondary_archetype,
-- industry_vertical, business_model_type or dream_dna_truth.extraction_source.
-- They come from an AI classifier and from founders, who use words this
-- project never listed ("craftsman", "boutique_fitness", "b2b",
-- "phone_interview"); a CHECK that refuses such a label at insert time loses
-- the founder's data. The label is now stored exactly as given. The generator
-- reads it as the nearest value its template catalogue knows
-- (generator/dna/vocabulary.ts) and says so in the template reasons.
--
-- Only shape checks remain: a label is not blank and has at most 100
-- characters. Every other enumeration stays closed (see supabase/README.md,
-- "Enumerations"): those are states and categories this system writes itself.
-- =============================================================================

alter table public.dream_dna_type
  drop constraint dream_dna_type_business_archetype_check,
  drop constraint dream_dna_type_secondary_archetype_check,
  drop constraint dream_dna_type_industry_vertical_check,
  drop constraint dream_dna_type_business_model_type_check,
  add constraint dream_dna_type_business_archetype_label
    check (business_archetype ~ '\S' and length(business_archetype) <= 100),
  add constraint dream_dna_type_secondary_archetype_label
    check (secondary_archetype ~ '\S' and length(secondary_archetype) <= 100),
  add constraint dream_dna_type_industry_vertical_label
    check (industry_vertical ~ '\S' and length(industry_vertical) <= 100),
  add constraint dream_dna_type_business_model_type_label
    check (business_model_type ~ '\S' and length(business_model_type) <= 100);

alter table public.dream_dna_truth
  drop constraint dream_dna_truth_extraction_source_check,
  add constraint dream_dna_truth_extraction_source_label
    check (extraction_source ~ '\S' and length(extraction_source) <= 100);

comment on column public.dream_dna_type.business_archetype is
  'Brand archetype label as the classifier gave it (open vocabulary; the generator reads it as one of its twelve).';
comment on column public.dream_dna_type.secondary_archetype is
  'Second brand archetype label, as given (open vocabulary).';
comment on column public.dream_dna_type.industry_vertical is
  'Industry label as the classifier gave it (open vocabulary; the generator reads it as a known vertical).';
comment on column public.dream_dna_type.business_model_type is
  'Business model label as the classifier gave it (open vocabulary; read as a known model type for matching).';
comment on column public.dream_dna_truth.extraction_source is
  'Where the facts came from, as given (open vocabulary: call_1..call_4, domain_selection, manual_input, import, or another source).';
