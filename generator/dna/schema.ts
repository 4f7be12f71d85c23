import { z } from 'zod';
import { assetCategories } from './asset-categories.ts';
import { SLUG_MAX, SLUG_PATTERN } from './founder-identity.ts';

export { type AssetCategory, assetCategories } from './asset-categories.ts';

/**
 * Zod schemas for the Dream DNA as this project reads it: the columns of
 * `users`, `dream_dna_truth`, `dream_dna_type`, `dream_dna_probability` and
 * `media_assets` (see supabase/README.md). The bundle file, the database loader
 * and the writers all speak these types. Unknown keys are errors (`strict`),
 * so a typo in a bundle is named instead of silently ignored.
 */
const text = z.string().trim().min(1, 'is empty: give the value, or leave the field out');
const optionalText = text.nullish();
const confidence = z.number().min(0).max(1);
const timestamp = z.union([z.string(), z.date()]).nullish();

/**
 * A label from a vocabulary the specification leaves open (archetype,
 * industry, business model, extraction source): kept exactly as given, not
 * trimmed or refused for being unknown. `dna/vocabulary.ts` reads it as a
 * known value for matching.
 */
export const LABEL_MAX = 100;
export const openLabel = z
  .string()
  .regex(/\S/, 'is empty: leave the key out instead')
  .max(LABEL_MAX, `a label of at most ${LABEL_MAX} characters`);

/**
 * The values the template catalogue knows for each open vocabulary: templates
 * declare what they suit in these words (`catalog/definition-schemas.ts`), and
 * other labels are read as the nearest of them. The DNA itself may hold any label.
 */
export const archetypes = [
  'caregiver',
  'creator',
  'everyman',
  'explorer',
  'hero',
  'innocent',
  'jester',
  'lover',
  'magician',
  'outlaw',
  'ruler',
  'sage',
] as const;
export const verticals = [
  'food_beverage',
  'retail',
  'legal',
  'financial',
  'health_wellness',
  'fitness',
  'beauty',
  'home_services',
  'trades',
  'technology',
  'consulting',
  'creative_media',
  'photography',
  'events',
  'education',
  'pet_services',
  'nonprofit_community',
  'hospitality',
  'real_estate',
  'automotive',
] as const;
export const modelTypes = [
  'b2c_service',
  'b2c_product',
  'b2b_service',
  'b2b_saas',
  'marketplace',
  'nonprofit',
  'hybrid',
] as const;
/** The extraction sources this system's own tools write; a bundle may name others. */
export const extractionSources = [
  'call_1',
  'call_2',
  'call_3',
  'call_4',
  'domain_selection',
  'manual_input',
  'import',
] as const;

export const serviceSchema = z.strictObject({
  name: text.max(120),
  description: optionalText,
  // A price past a billion is a typing or extraction error, not a small business's price.
  price: z
    .number()
    .nonnegative()
    .max(1e9, { error: "is over 1,000,000,000: check the amount (in the currency's main unit)" })
    .nullish(),
  unit: optionalText,
});
export const faqSchema = z.strictObject({ question: text, answer: text });
export const testimonialSchema = z.strictObject({ quote: text, author: text, context: optionalText });
export const processStepSchema = z.strictObject({ title: text, description: optionalText });

export const userSchema = z.looseObject({
  id: z.uuid(),
  auth_user_id: z.uuid().nullish(),
  slug: z.string().regex(SLUG_PATTERN, 'use lower-case kebab-case, e.g. "rosas-bakery"').max(SLUG_MAX),
  customer_name: optionalText,
  customer_email: z.email().nullish(),
  customer_phone: optionalText,
  business_name: optionalText,
  business_type: optionalText,
  state_of_operation: optionalText,
});

export const truthSchema = z.strictObject({
  id: z.uuid().optional(),
  user_id: z.uuid().optional(),
  version: z.number().int().positive().optional(),
  business_name: text.max(120, 'a business name of at most 120 characters').nullish(),
  what_problem: optionalText,
  who_serves: optionalText,
  how_different: optionalText,
  primary_service: optionalText,
  target_revenue: optionalText,
  business_model: optionalText,
  business_stage: optionalText,
  industry_category: optionalText,
  founder_name: optionalText,
  founder_story: optionalText,
  tagline: optionalText,
  location_city: optionalText,
  location_region: optionalText,
  location_country: optionalText,
  service_area: optionalText,
  contact_email: z.email().nullish(),
  contact_phone: optionalText,
  website_url: z.url({ protocol: /^https?$/ }).nullish(),
  business_hours: optionalText,
  services: z.array(serviceSchema).max(24).nullish(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'use an ISO 4217 code such as "USD"')
    .nullish(),
  process_steps: z.array(processStepSchema).max(8).nullish(),
  faqs: z.array(faqSchema).max(20).nullish(),
  testimonials: z.array(testimonialSchema).max(12).nullish(),
  credentials: z.array(text).max(12).nullish(),
  founded_year: z.number().int().min(1800).max(2100).nullish(),
  field_confidence: z.record(z.string(), confidence).default({}),
  confidence_score: confidence.nullish(),
  extraction_source: openLabel.nullish(),
  validated_by_user: z.boolean().nullish(),
  /** Fact columns the founder set or confirmed (dna/write-facts.ts). */
  validated_fields: z.array(z.string()).nullish(),
  updated_by: optionalText,
  created_at: timestamp,
  updated_at: timestamp,
});

/** Personality scores as stored: integers 0–100 (a bundle may also give 0–1: see `dna/personality-scores.ts`). */
const score = z.number().int().min(0).max(100);
export const typeSchema = z.strictObject({
  id: z.uuid().optional(),
  user_id: z.uuid().optional(),
  business_archetype: openLabel.nullish(),
  secondary_archetype: openLabel.nullish(),
  industry_vertical: openLabel.nullish(),
  business_model_type: openLabel.nullish(),
  template_category: optionalText,
  preferred_template_id: optionalText,
  risk_tolerance: score.nullish(),
  innovation_level: score.nullish(),
  scale_ambition: score.nullish(),
  classification_confidence: confidence.nullish(),
  reasoning: optionalText,
  /** Classification columns the founder set or confirmed (dna/write-facts.ts). */
  validated_fields: z.array(z.string()).nullish(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const probabilitySchema = z.strictObject({
  id: z.uuid().optional(),
  user_id: z.uuid().optional(),
  field_name: text,
  primary_interpretation: optionalText,
  primary_confidence: confidence.nullish(),
  alternative_1: optionalText,
  alternative_1_confidence: confidence.nullish(),
  alternative_2: optionalText,
  alternative_2_confidence: confidence.nullish(),
  alternative_3: optionalText,
  alternative_3_confidence: confidence.nullish(),
  reasoning: optionalText,
  user_confirmed: z.boolean().nullish(),
  user_selected: z.enum(['primary', 'alternative_1', 'alternative_2', 'alternative_3']).nullish(),
  confirmed_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
});

export const mediaSchema = z.looseObject({
  id: z.uuid().optional(),
  asset_category: z.enum(assetCategories),
  asset_name: optionalText,
  description: optionalText,
  /** Bundle files: a path relative to the bundle. Database rows: `storage_path` instead. */
  file: optionalText,
  storage_path: optionalText,
  mime_type: optionalText,
  width: z.number().int().positive().nullish(),
  height: z.number().int().positive().nullish(),
  content_hash: optionalText,
  sort_order: z.number().int().nullish(),
  is_primary: z.boolean().nullish(),
  license: optionalText,
  source: optionalText,
});

export type DnaUser = z.infer<typeof userSchema>;
export type DnaTruth = z.infer<typeof truthSchema>;
export type DnaType = z.infer<typeof typeSchema>;
export type DnaProbability = z.infer<typeof probabilitySchema>;
export type DnaMedia = z.infer<typeof mediaSchema>;
export type Archetype = (typeof archetypes)[number];
export type Vertical = (typeof verticals)[number];
export type ModelType = (typeof modelTypes)[number];

/** Everything the generator knows about one founder. Media paths are absolute once loaded. */
export interface DnaBundle {
  user: DnaUser;
  truth: DnaTruth;
  type: DnaType | null;
  probabilities: DnaProbability[];
  media: (DnaMedia & { path: string | null })[];
  /** Facts the content policy cleaned or left out where the DNA was read (`clean-facts.ts`); absent when none. */
  cleaned?: import('./clean-facts.ts').CleanFinding[];
}

/** The truth columns that hold facts (not bookkeeping): the fields sections may read. */
export const factFields = [
  'business_name',
  'what_problem',
  'who_serves',
  'how_different',
  'primary_service',
  'target_revenue',
  'business_model',
  'business_stage',
  'industry_category',
  'founder_name',
  'founder_story',
  'tagline',
  'location_city',
  'location_region',
  'location_country',
  'service_area',
  'contact_email',
  'contact_phone',
  'website_url',
  'business_hours',
  'services',
  'currency',
  'process_steps',
  'faqs',
  'testimonials',
  'credentials',
  'founded_year',
] as const satisfies readonly (keyof DnaTruth)[];
export type FactField = (typeof factFields)[number];
