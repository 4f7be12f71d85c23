/**
 * What a written section records about where its words came from
 * (`website_sections.provenance`): the writer, the DNA fields it used with
 * their confidence, and how the copy was arrived at. Every writer fills it;
 * each revision stores it.
 */
export interface FieldProvenance {
  field: string;
  confidence: number | null;
}

export interface Provenance {
  writer: string;
  fields: FieldProvenance[];
  /** Problems found in the draft (schema or grounding) that made it needs_input. */
  problems?: string[];
  /** The model that wrote the copy (AI writer). */
  model?: string;
  /** Answers the model gave for this copy, the accepted one included (AI writer). */
  attempts?: number;
  /** The copy came from the content cache: the model was not called. */
  cached?: boolean;
  /** The AI writer was asked for, and the offline writer's copy is used instead: why. */
  /**
   * The AI writer's copy was not used: `unreachable` (the model could not be reached: the next run
   * tries again) or `checks` (no answer passed the checks for these facts: not retried until they change
   * or the founder asks).
   */
  fallback?: { from: string; reason: string; kind?: 'unreachable' | 'checks' };
  /** Answers refused by the checks before one passed (or before falling back), with why. */
  rejected?: { attempt: number; problems: string[] }[];
  /** Why the AI writer did not ask the model (no AI brief for the section, facts missing). */
  note?: string;
}
