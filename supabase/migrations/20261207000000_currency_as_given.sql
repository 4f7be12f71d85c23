-- =============================================================================
-- A business's currency is what the founder said, or nothing. The column
-- defaulted to 'USD', so a founder who gave prices and no currency was
-- recorded (and shown on their site) as pricing in US dollars. Rows already
-- holding 'USD' keep it: which of them were defaulted cannot be told now.
-- Without a currency, the site shows prices as plain amounts and its JSON-LD
-- states no priced offers; `generate` says so and names the field to fill.
-- =============================================================================
alter table public.dream_dna_truth
  alter column currency drop default,
  alter column currency drop not null;

comment on column public.dream_dna_truth.currency is
  'ISO 4217 code of the prices in services, as the founder gave it; null when they named none (prices are then shown without a currency).';
