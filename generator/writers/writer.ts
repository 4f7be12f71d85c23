import type { SectionDefinition } from '../catalog/define-section.ts';
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
}

export interface FieldProvenance {
  field: string;
  confidence: number | null;
}

export interface Provenance {
  writer: string;
  fields: FieldProvenance[];
  /** Problems found in the draft (schema or grounding) that made it needs_input. */
  problems?: string[];
}

export type SectionDraft =
  | { status: 'draft'; content: unknown; provenance: Provenance }
  | { status: 'needs_input' | 'omitted'; content: null; missing: string[]; provenance: Provenance };

export interface Writer {
  readonly name: string;
  write(request: WriteRequest): Promise<SectionDraft>;
}
