import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatClient } from '../writers/openai-client.ts';
import {
  type ExtractableField,
  type ExtractedField,
  type Extraction,
  extractableFields,
  MAX_ALTERNATIVES,
} from './extraction.ts';
import { type ExtractionWire, extractionMessages, extractionWireSchema } from './extraction-prompt.ts';
import { extractOffline } from './offline-extractor.ts';
import type { Transcript } from './transcript.ts';
import { comparable, verifyExtraction } from './verify-extraction.ts';

/**
 * Extraction by an OpenAI model with structured outputs (`extraction-prompt.ts`).
 * The answer is parsed with the same zod schema the request declared, turned
 * into an `Extraction`, and checked against the transcript
 * (`verify-extraction.ts`) like any other. When the model fails (after the
 * client's retries), refuses, or answers outside the schema, the offline
 * reading is used instead and the extraction says why in its notes: a call
 * is never left unread because a service was down.
 */
export async function extractWithOpenAi(t: Transcript, client: ChatClient): Promise<Extraction> {
  const format = zodResponseFormat(extractionWireSchema, 'dream_dna_extraction');
  let problem: string;
  try {
    const completion = await client.complete(extractionMessages(t), format);
    if (completion.refusal) problem = `the model refused: ${completion.refusal}`;
    else if (!completion.content)
      problem = `the model gave no answer (finish reason ${completion.finishReason})`;
    else {
      const parsed = extractionWireSchema.safeParse(safeJson(completion.content));
      if (parsed.success) return verifyExtraction(fromWire(parsed.data, t, completion.model), t);
      problem = `the answer did not match the schema (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`;
    }
  } catch (error) {
    problem = `the request to ${client.endpoint} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const offline = verifyExtraction(extractOffline(t), t);
  return {
    ...offline,
    notes: [
      ...offline.notes,
      `OpenAI extraction (${client.model}) not used: ${problem}; read offline instead.`,
    ],
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function fromWire(wire: ExtractionWire, t: Transcript, model: string): Extraction {
  const fields: ExtractedField[] = [];
  for (const field of extractableFields) {
    const a = wire.facts[field as ExtractableField];
    if (!a || a.value === null || (Array.isArray(a.value) && !a.value.length) || a.value === '') continue;
    fields.push({
      field,
      value: withoutNulls(a.value),
      confidence: a.confidence,
      quote: a.quote ?? '',
      at_s: a.quote ? startOf(t, a.quote) : null,
      alternatives: a.alternatives.slice(0, MAX_ALTERNATIVES),
    });
  }
  const c = wire.classification;
  const labelled = [c.business_archetype, c.industry_vertical, c.business_model_type].some((l) => l?.trim());
  return {
    extractor: 'openai',
    model,
    fields,
    classification: labelled
      ? {
          business_archetype: blank(c.business_archetype),
          secondary_archetype:
            blank(c.secondary_archetype) === blank(c.business_archetype)
              ? null
              : blank(c.secondary_archetype),
          industry_vertical: blank(c.industry_vertical),
          business_model_type: blank(c.business_model_type),
          confidence: Math.min(1, Math.max(0, c.confidence)),
          reasoning: c.reasoning,
        }
      : null,
    kept_out: wire.kept_out.map((k) => ({
      quote: k.quote,
      kind: k.kind,
      field: null,
      at_s: startOf(t, k.quote),
    })),
    dropped: [],
    unanswered: [],
    notes: [],
  };
}

const blank = (s: string | null) => (s?.trim() ? s.trim() : null);

/** Structured outputs say "absent" with null; the DNA schemas leave the key out. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  return value;
}

/** When the founder said the quoted words (the start of their turn), if the transcript has times. */
function startOf(t: Transcript, quote: string): number | null {
  const q = comparable(quote);
  if (!q) return null;
  return (
    t.turns.find((turn) => turn.role === 'founder' && comparable(turn.text).includes(q))?.start_s ?? null
  );
}
