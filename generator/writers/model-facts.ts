import type { DnaInput, SectionDefinition } from '../catalog/define-section.ts';
import { type FactCorpus, factCorpus } from '../content/grounding.ts';
import type { DnaBundle, FactField } from '../dna/schema.ts';
import { knownClassification } from '../dna/vocabulary.ts';
import type { FieldProvenance } from './writer.ts';

/**
 * What the model is shown about the business for one section: exactly the
 * inputs the section declares (`reads`) that the DNA holds — facts, image
 * descriptions, page links — and nothing else. The grounding corpus its answer
 * is checked against is built from the same inputs.
 */
export interface ModelFacts {
  facts: Record<string, unknown>;
  fields: FieldProvenance[];
  corpus: FactCorpus;
}

export function modelFacts(
  section: SectionDefinition,
  bundle: DnaBundle,
  pages: readonly { href: string; label: string }[],
  reference: unknown,
): ModelFacts {
  const facts: Record<string, unknown> = {};
  const fields: FieldProvenance[] = [];
  const extra: string[] = [];
  const confidence = (field: string) =>
    bundle.truth.field_confidence?.[field] ?? bundle.truth.confidence_score ?? null;
  for (const input of [...section.reads].sort() as DnaInput[]) {
    if (input === 'site:pages') {
      facts.pages = pages.map((p) => ({ href: p.href, label: p.label }));
      extra.push(...pages.map((p) => p.label));
      fields.push({ field: input, confidence: null });
    } else if (input === 'type:business_archetype') {
      // The catalogue's word for it, never the raw label: an open label is not copy.
      const archetype = knownClassification(bundle).business_archetype;
      if (archetype) {
        facts.business_archetype = archetype;
        fields.push({ field: input, confidence: bundle.type?.classification_confidence ?? null });
      }
    } else if (input.startsWith('media:')) {
      const category = input.slice('media:'.length);
      const images = bundle.media
        .map((m, index) => ({ m, index }))
        .filter(({ m }) => m.asset_category === category)
        .map(({ m, index }) => ({ asset: m.id ?? `bundle-${index}`, description: m.description ?? null }));
      if (images.length) {
        facts[`${category}_images`] = images;
        extra.push(...images.map((i) => i.description ?? ''));
        fields.push({ field: input, confidence: null });
      }
    } else {
      const field = input as FactField;
      const value =
        field === 'business_name'
          ? (bundle.truth.business_name ?? bundle.user.business_name)
          : bundle.truth[field];
      if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) continue;
      if (Array.isArray(value) && value.length === 0) continue;
      facts[field] = value;
      fields.push({ field, confidence: confidence(field) });
    }
  }
  const fieldsRead = section.reads.filter((r) => !r.includes(':'));
  // The reference draft was built from these facts by our own patterns: its words are grounded.
  extra.push(...stringsOf(reference));
  return { facts, fields, corpus: factCorpus(bundle, { fields: fieldsRead, extra }) };
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}
