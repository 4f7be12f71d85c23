import type { SectionDefinition } from '../catalog/define-section.ts';
import type { Provenance } from '../content/provenance.ts';
import type { WriterIdentity } from '../content/section-inputs.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { SiteCopyState } from './compose-context.ts';

/**
 * The writer contract. A writer turns one section of one page into content, or
 * says which facts are missing. Offline (default) and OpenAI writers implement
 * it; the write-sections stage picks one by name.
 */
export interface WriteRequest {
  section: SectionDefinition;
  bundle: DnaBundle;
  page: string;
  key: string;
  site: SiteCopyState;
  /**
   * Contents the founder rejected or asked to replace: the writer should give
   * different copy (the offline writer tries other copy patterns; the AI
   * writer is told not to repeat them).
   */
  avoid?: readonly unknown[];
}

/** Model calls and tokens spent on one draft. */
export interface WriteUsage {
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Estimated US dollars, or null when the model's price is not known. */
  cost_usd: number | null;
}

export type SectionDraft = (
  | { status: 'draft'; content: unknown; provenance: Provenance }
  | { status: 'needs_input' | 'omitted'; content: null; missing: string[]; provenance: Provenance }
) & { usage?: WriteUsage };

export interface WriterReport {
  /** Things the founder or operator should know about this run (model unreachable, rate limited…). */
  warnings: string[];
}

export interface Writer {
  readonly name: string;
  write(request: WriteRequest): Promise<SectionDraft>;
  /** Which writer, model and prompt version would write this section (part of its input hash). */
  identity(section: SectionDefinition): WriterIdentity;
  /** Starts work for these requests ahead of `write` (the AI writer asks the model concurrently). */
  prefetch?(requests: readonly WriteRequest[]): void;
  /**
   * Drafts a description (alt text) of a photo the founder has not described,
   * from the image alone (the AI writer, with a vision-capable model). A draft
   * is the model's words, never the founder's: it waits for their confirmation.
   */
  describeImage?(
    image: import('./image-description.ts').ImageToDescribe,
    bundle: DnaBundle,
  ): Promise<import('./image-description.ts').DescriptionDraft>;
  report?(): WriterReport;
}
