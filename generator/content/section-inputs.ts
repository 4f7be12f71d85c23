import { createHash } from 'node:crypto';
import type { DnaInput, SectionDefinition } from '../catalog/define-section.ts';
import type { DnaBundle, FactField } from '../dna/schema.ts';
import { knownClassification } from '../dna/vocabulary.ts';

/**
 * What a section reads, as plain data: the values of the DNA inputs it
 * declares (`reads`), the alternative readings of those fields, and the media
 * and pages it may show. Two hashes come from it:
 *
 * - `dnaHash`: changes exactly when something the section reads changes. A
 *   section whose current revision has another dnaHash is stale.
 * - `inputHash`: dnaHash plus the writer, model and prompt version: the content
 *   cache key (unchanged inputs make no model call) and `website_sections.input_hash`.
 */
export interface SectionInputs {
  type: string;
  schemaVersion: number;
  facts: Record<string, unknown>;
  media: Record<string, unknown[]>;
  archetype?: string | null;
  pages?: { href: string; label: string }[];
  readings: Record<string, unknown>;
  /** The brand voice (dream_dna_type), read by sections the AI writer writes. */
  voice?: Record<string, unknown>;
}

export function sectionInputs(
  section: SectionDefinition,
  bundle: DnaBundle,
  pages: readonly { href: string; label: string }[],
  options: { voice?: boolean } = {},
): SectionInputs {
  const facts: Record<string, unknown> = {};
  const media: Record<string, unknown[]> = {};
  const readings: Record<string, unknown> = {};
  let archetype: string | null | undefined;
  let sitePages: { href: string; label: string }[] | undefined;
  for (const input of [...section.reads].sort() as DnaInput[]) {
    if (input === 'site:pages') sitePages = pages.map((p) => ({ href: p.href, label: p.label }));
    else if (input === 'type:business_archetype') archetype = knownClassification(bundle).business_archetype;
    else if (input.startsWith('media:')) {
      const category = input.slice('media:'.length);
      media[category] = bundle.media
        .map((m, index) => ({ m, index }))
        .filter(({ m }) => m.asset_category === category)
        .map(({ m, index }) => ({
          asset: m.id ?? `bundle-${index}`,
          description: m.description ?? null,
          width: m.width ?? null,
          height: m.height ?? null,
          is_primary: m.is_primary ?? false,
          sort_order: m.sort_order ?? 0,
          content_hash: m.content_hash ?? null,
        }));
    } else {
      const field = input as FactField;
      facts[field] =
        (field === 'business_name'
          ? (bundle.truth.business_name ?? bundle.user.business_name)
          : bundle.truth[field]) ?? null;
      const confidence = bundle.truth.field_confidence?.[field];
      const row = bundle.probabilities.find((p) => p.field_name === field);
      if (row || confidence !== undefined) {
        readings[field] = {
          confidence: confidence ?? null,
          primary: row?.primary_interpretation ?? null,
          primary_confidence: row?.primary_confidence ?? null,
          alternatives: row
            ? [1, 2, 3].map((n) => [
                row[`alternative_${n}` as 'alternative_1'] ?? null,
                row[`alternative_${n}_confidence` as 'alternative_1_confidence'] ?? null,
              ])
            : [],
          user_confirmed: row?.user_confirmed ?? null,
          user_selected: row?.user_selected ?? null,
        };
      }
    }
  }
  return {
    type: section.type,
    schemaVersion: section.schemaVersion,
    facts,
    media,
    ...(archetype !== undefined ? { archetype } : {}),
    ...(sitePages ? { pages: sitePages } : {}),
    readings,
    ...(options.voice ? { voice: voiceInputs(bundle) } : {}),
  };
}

/** The classification the AI writer's brand voice comes from: the labels as the catalogue reads them. */
export function voiceInputs(bundle: DnaBundle): Record<string, unknown> {
  const known = knownClassification(bundle);
  return {
    archetype: known.business_archetype,
    secondary: known.secondary_archetype,
    vertical: known.industry_vertical,
    model: known.business_model_type,
  };
}

export function dnaHash(inputs: SectionInputs): string {
  return hashOf(inputs);
}

export interface WriterIdentity {
  /** The writer that writes this section: `offline`, or `openai` for sections with an AI brief. */
  writer: string;
  model: string | null;
  promptVersion: string | null;
}

export function inputHash(dna: string, identity: WriterIdentity): string {
  return hashOf({ dna, ...identity });
}

/** sha256 of a value's canonical JSON (object keys sorted), hex. */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}
