// Generated from the database by `node scripts/db/gen-types.ts`. Do not edit by hand.
// tests/generator/db/table-types.test.ts fails when this file is out of date with the migrations.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface AiAnalysisRow {
  id: string;
  user_id: string;
  dream_dna_id: string;
  analysis_type: string;
  model: string | null;
  result: Json;
  confidence: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AssessmentResponsesRow {
  id: string;
  assessment_id: string;
  user_id: string;
  question_key: string;
  response: Json | null;
  created_at: Date;
  updated_at: Date;
}

export interface BusinessAssessmentRow {
  id: string;
  user_id: string;
  assessment_type: string;
  status: string;
  score: string | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface CallSessionsRow {
  id: string;
  user_id: string;
  call_number: number;
  status: string;
  scheduled_at: Date | null;
  started_at: Date | null;
  ended_at: Date | null;
  metadata: Json;
  created_at: Date;
  updated_at: Date;
}

export interface ConversationSessionsRow {
  id: string;
  user_id: string;
  status: string;
  current_call: number;
  calls_completed: number;
  started_at: Date | null;
  completed_at: Date | null;
  next_call_scheduled: Date | null;
  notes: string | null;
  metadata: Json;
  created_at: Date;
  updated_at: Date;
}

export interface ConversationsRow {
  id: string;
  user_id: string;
  call_number: number | null;
  vapi_call_id: string | null;
  status: string | null;
  transcript: string | null;
  summary: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface DomainSearchesRow {
  id: string;
  user_id: string;
  query: string;
  domain: string | null;
  available: boolean | null;
  price: string | null;
  registrar: string | null;
  searched_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface DreamDnaRow {
  id: string;
  user_id: string;
  business_id: string | null;
  business_name: string | null;
  business_idea: string | null;
  target_market: string | null;
  domain_name: string | null;
  domain_selected_at: Date | null;
  dna_data: Json;
  created_at: Date;
  updated_at: Date;
}

export interface DreamDnaProbabilityRow {
  id: string;
  user_id: string;
  field_name: string;
  primary_interpretation: string | null;
  primary_confidence: string | null;
  alternative_1: string | null;
  alternative_1_confidence: string | null;
  alternative_2: string | null;
  alternative_2_confidence: string | null;
  alternative_3: string | null;
  alternative_3_confidence: string | null;
  reasoning: string | null;
  user_confirmed: boolean | null;
  user_selected: string | null;
  confirmed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface DreamDnaTruthRow {
  id: string;
  user_id: string;
  version: number;
  business_name: string | null;
  what_problem: string | null;
  who_serves: string | null;
  how_different: string | null;
  primary_service: string | null;
  target_revenue: string | null;
  business_model: string | null;
  business_stage: string | null;
  industry_category: string | null;
  founder_name: string | null;
  founder_story: string | null;
  tagline: string | null;
  location_city: string | null;
  location_region: string | null;
  location_country: string | null;
  service_area: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  website_url: string | null;
  business_hours: string | null;
  services: Json | null;
  currency: string | null;
  process_steps: Json | null;
  faqs: Json | null;
  testimonials: Json | null;
  credentials: Json | null;
  founded_year: number | null;
  field_confidence: Json;
  confidence_score: string | null;
  extraction_source: string | null;
  validated_by_user: boolean;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
  validated_fields: string[];
}

export interface DreamDnaTruthHistoryRow {
  id: string;
  truth_id: string;
  user_id: string;
  version: number;
  operation: string;
  previous: Json;
  changed_fields: string[];
  extraction_source: string | null;
  validated_by_user: boolean | null;
  changed_by: string | null;
  changed_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface DreamDnaTypeRow {
  id: string;
  user_id: string;
  business_archetype: string | null;
  secondary_archetype: string | null;
  industry_vertical: string | null;
  business_model_type: string | null;
  template_category: string | null;
  preferred_template_id: string | null;
  risk_tolerance: number | null;
  innovation_level: number | null;
  scale_ambition: number | null;
  classification_confidence: string | null;
  reasoning: string | null;
  created_at: Date;
  updated_at: Date;
  validated_fields: string[];
}

export interface FileBucketsRow {
  id: string;
  user_id: string;
  bucket_name: string;
  storage_path: string;
  original_filename: string | null;
  stored_filename: string | null;
  mime_type: string | null;
  file_size_bytes: string | null;
  content_hash: string | null;
  file_category: string | null;
  processing_status: string;
  ai_description: string | null;
  ai_tags: string[];
  metadata: Json;
  created_at: Date;
  updated_at: Date;
}

export interface GeneratedWebsitesRow {
  id: string;
  user_id: string;
  template_id: string | null;
  theme_id: string | null;
  site_slug: string | null;
  site_structure: Json | null;
  custom_branding: Json | null;
  palette_options: Json | null;
  selected_palette: number | null;
  seo_metadata: Json | null;
  build_dir: string | null;
  build_hash: string | null;
  preview_url: string | null;
  deployment_url: string | null;
  deploy_id: string | null;
  deployment_status: string;
  deploy_error: string | null;
  deployed_at: Date | null;
  published_by: string | null;
  lighthouse_scores: Json | null;
  analytics: Json | null;
  is_public: boolean;
  last_built_at: Date | null;
  created_at: Date;
  updated_at: Date;
  deploy_remote: Json;
  netlify_site_id: string | null;
  auto_publish: boolean;
  auto_publish_target: string | null;
  custom_domain: string | null;
  domain_selected_at: Date | null;
  template_version: string | null;
}

export interface MediaAssetsRow {
  id: string;
  user_id: string;
  file_bucket_id: string | null;
  asset_category: string;
  asset_name: string | null;
  description: string | null;
  storage_path: string | null;
  mime_type: string | null;
  width: number | null;
  height: number | null;
  content_hash: string | null;
  optimization_status: string;
  optimized_variants: Json | null;
  color_palette: Json | null;
  dominant_color: string | null;
  palette_source_hash: string | null;
  sort_order: number;
  is_primary: boolean;
  license: string | null;
  source: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SiteBuildChangesRow {
  id: string;
  user_id: string;
  kind: string;
  refs: string[];
  operation: string;
  actor: string | null;
  job_id: string | null;
  claimed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface TranscriptsRawRow {
  id: string;
  user_id: string;
  session_id: string | null;
  call_session_id: string | null;
  call_number: number | null;
  transcript_text: string;
  audio_file_url: string | null;
  speaker_segments: Json | null;
  call_quality: string | null;
  duration_seconds: number | null;
  vapi_call_id: string | null;
  metadata: Json;
  created_at: Date;
  updated_at: Date;
}

export interface TranscriptsVectorizedRow {
  id: string;
  transcript_id: string;
  user_id: string;
  chunk_index: number;
  content_summary: string | null;
  key_topics: string[];
  business_insights: Json | null;
  sentiment_score: string | null;
  embedding: string | null;
  embedding_model: string | null;
  model_version: string | null;
  processing_metadata: Json;
  processed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface UserSessionsRow {
  id: string;
  user_id: string;
  session_start: Date;
  session_end: Date | null;
  user_agent: string | null;
  pages_viewed: number;
  metadata: Json;
  created_at: Date;
  updated_at: Date;
}

export interface UsersRow {
  id: string;
  auth_user_id: string | null;
  slug: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  business_name: string | null;
  business_type: string | null;
  state_of_operation: string | null;
  entity_type: string | null;
  call_1_completed: boolean;
  call_2_completed: boolean;
  call_3_completed: boolean;
  call_4_completed: boolean;
  call_1_completed_at: Date | null;
  call_2_completed_at: Date | null;
  call_3_completed_at: Date | null;
  call_4_completed_at: Date | null;
  status: string;
  current_call_stage: number;
  next_call_scheduled: Date | null;
  assistant_id: string | null;
  individual_assistant_id: string | null;
  assistant_type: string | null;
  package_preference: string | null;
  urgency_level: string | null;
  timeline: string | null;
  account_type: string | null;
  email_confirmed: boolean;
  payment_status: string;
  subscription_type: string | null;
  amount_paid: string | null;
  payment_date: Date | null;
  subscription_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface VapiCallsRow {
  id: string;
  user_id: string;
  call_session_id: string | null;
  vapi_call_id: string;
  assistant_id: string | null;
  status: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  cost: string | null;
  recording_url: string | null;
  transcript: string | null;
  payload: Json;
  created_at: Date;
  updated_at: Date;
}

export interface WebhooksLogsRow {
  id: string;
  user_id: string | null;
  source: string;
  event_type: string | null;
  payload: Json;
  status: string;
  error: string | null;
  received_at: Date;
  processed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface WebsiteDeploymentsRow {
  id: string;
  website_id: string;
  user_id: string;
  action: string;
  target: string;
  deploy_id: string | null;
  site_id: string | null;
  status: string;
  is_live: boolean | null;
  url: string | null;
  preview_url: string | null;
  build_hash: string | null;
  content_digest: string | null;
  file_count: number | null;
  bytes: string | null;
  uploaded_files: number | null;
  scores: Json | null;
  gate_failures: string[];
  published_by: string;
  forced: boolean;
  restored_from: string | null;
  error: string | null;
  duration_ms: number | null;
  live_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface WebsiteSectionsRow {
  id: string;
  website_id: string;
  user_id: string;
  page: string;
  section_key: string;
  section_type: string;
  variant: string | null;
  position: number;
  revision: number;
  is_current: boolean;
  content: Json;
  provenance: Json | null;
  writer: string | null;
  model: string | null;
  ai_confidence: string | null;
  status: string;
  missing_fields: string[];
  alternatives: Json | null;
  input_hash: string | null;
  usage: Json | null;
  edited_by_founder: boolean;
  approved_at: Date | null;
  approved_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface WebsiteTemplatesRow {
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  version_hash: string | null;
  template_code: Json | null;
  required_sections: string[];
  optional_sections: string[];
  pages: Json | null;
  matching_rules: Json | null;
  customization_options: Json | null;
  default_theme: string | null;
  seo_score: number | null;
  mobile_score: number | null;
  performance_score: number | null;
  avg_load_ms: number | null;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface Tables {
  ai_analysis: AiAnalysisRow;
  assessment_responses: AssessmentResponsesRow;
  business_assessment: BusinessAssessmentRow;
  call_sessions: CallSessionsRow;
  conversation_sessions: ConversationSessionsRow;
  conversations: ConversationsRow;
  domain_searches: DomainSearchesRow;
  dream_dna: DreamDnaRow;
  dream_dna_probability: DreamDnaProbabilityRow;
  dream_dna_truth: DreamDnaTruthRow;
  dream_dna_truth_history: DreamDnaTruthHistoryRow;
  dream_dna_type: DreamDnaTypeRow;
  file_buckets: FileBucketsRow;
  generated_websites: GeneratedWebsitesRow;
  media_assets: MediaAssetsRow;
  site_build_changes: SiteBuildChangesRow;
  transcripts_raw: TranscriptsRawRow;
  transcripts_vectorized: TranscriptsVectorizedRow;
  user_sessions: UserSessionsRow;
  users: UsersRow;
  vapi_calls: VapiCallsRow;
  webhooks_logs: WebhooksLogsRow;
  website_deployments: WebsiteDeploymentsRow;
  website_sections: WebsiteSectionsRow;
  website_templates: WebsiteTemplatesRow;
}

export const tableNames = ["ai_analysis","assessment_responses","business_assessment","call_sessions","conversation_sessions","conversations","domain_searches","dream_dna","dream_dna_probability","dream_dna_truth","dream_dna_truth_history","dream_dna_type","file_buckets","generated_websites","media_assets","site_build_changes","transcripts_raw","transcripts_vectorized","user_sessions","users","vapi_calls","webhooks_logs","website_deployments","website_sections","website_templates"] as const;
