import { type FactField, factFields } from '../dna/schema.ts';

/**
 * What an extractor reads from one call, as data: per truth field a value, a
 * confidence, the founder's words it came from and up to three alternative
 * readings; a classification for `dream_dna_type`; and the claims that were
 * kept out (instructions addressed to the assistant, rankings and awards to
 * verify). Both extractors (offline and OpenAI) produce this; it is stored in
 * `transcripts_raw.metadata.extraction` and written to the DNA through the
 * `dna set` write path.
 *
 * Testimonials are never extracted: a founder repeating a customer's praise
 * is hearsay, without the customer's name as they would give it or their
 * permission. They are added by the founder (`dna set`, the studio).
 */
export const extractableFields = factFields.filter(
  (f): f is Exclude<FactField, 'testimonials'> => f !== 'testimonials',
);

export type ExtractableField = Exclude<FactField, 'testimonials'>;

export interface Alternative {
  value: string;
  confidence: number;
  reasoning: string;
}

export interface ExtractedField {
  field: ExtractableField;
  /** As `dream_dna_truth` holds it (text, a number, or a list for services, faqs…). */
  value: unknown;
  confidence: number;
  /** The founder's words it came from, as they occur in the transcript. */
  quote: string;
  /** Seconds from the start of the call, where known. */
  at_s: number | null;
  alternatives: Alternative[];
}

export interface Classification {
  business_archetype: string | null;
  secondary_archetype: string | null;
  industry_vertical: string | null;
  business_model_type: string | null;
  confidence: number;
  reasoning: string;
}

export interface KeptOut {
  quote: string;
  kind: 'instruction' | 'unverified_claim';
  /** The field whose answer it was in, when it was. */
  field: string | null;
  at_s: number | null;
}

export interface Extraction {
  extractor: 'offline' | 'openai';
  /** The model (OpenAI) or the extractor's version (offline). */
  model: string;
  fields: ExtractedField[];
  classification: Classification | null;
  /** Claims and instructions kept out of the DNA: stored here for a person to verify, never on the site. */
  kept_out: KeptOut[];
  /** Values dropped after checking (quote not in the founder's words, value not supported…), with why. */
  dropped: { field: string; reason: string }[];
  /** Fields the assistant asked about that the answer gave no value for. */
  unanswered: string[];
  /** What else a reader of the extraction should know (a model that failed and the offline reading used instead). */
  notes: string[];
}

export const MAX_ALTERNATIVES = 3;
