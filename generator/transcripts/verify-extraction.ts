import { truthSchema } from '../dna/schema.ts';
import { foldAccents } from '../words.ts';
import type { ExtractedField, Extraction, KeptOut } from './extraction.ts';
import { keptOutKind } from './kept-out.ts';
import { DIGIT_WORDS, numbersSaid } from './spoken-numbers.ts';
import type { Transcript } from './transcript.ts';

/**
 * Checks an extraction against the transcript it came from, whichever
 * extractor made it (a model can quote words nobody said, or be talked into
 * things). For every field:
 *
 * - the value must be valid for its DNA column (`dna/schema.ts`), else dropped;
 * - the quote must occur in the founder's own words (compared without case,
 *   accents, punctuation or spacing): not found → confidence halved;
 * - the value's content words must mostly occur in the founder's words
 *   (at least half of them; names, e-mails and phone digits entirely), else
 *   it is dropped as not said;
 * - every price must be a number the founder said, else that price is removed;
 * - a value or quote that is an instruction or an unverified claim
 *   (`kept-out.ts`) is dropped and listed in `kept_out` instead.
 *
 * Alternatives are checked the same way for claims; the classification's
 * labels are open vocabulary and pass as given.
 */
export function verifyExtraction(extraction: Extraction, transcript: Transcript): Extraction {
  const founderText = transcript.turns
    .filter((t) => t.role === 'founder')
    .map((t) => t.text)
    .join('\n');
  const said = comparable(founderText);
  const words = new Set(said.split(' '));
  const numbers = numbersSaid(founderText);
  const fields: ExtractedField[] = [];
  const dropped = [...extraction.dropped];
  const keptOut: KeptOut[] = [...extraction.kept_out];
  for (const f of extraction.fields) {
    const valueText = typeof f.value === 'string' ? f.value : JSON.stringify(f.value ?? '');
    const claim = keptOutKind(valueText) ?? keptOutKind(f.quote);
    if (claim) {
      keptOut.push({ quote: f.quote || valueText, kind: claim, field: f.field, at_s: f.at_s });
      dropped.push({
        field: f.field,
        reason: `${claim === 'instruction' ? 'an instruction' : 'an unverified claim'}, kept out`,
      });
      continue;
    }
    const parsed = truthSchema.shape[f.field].safeParse(f.value);
    if (!parsed.success || parsed.data === null || parsed.data === undefined) {
      dropped.push({
        field: f.field,
        reason: `not a valid ${f.field}: ${parsed.success ? 'empty' : parsed.error.issues[0]?.message}`,
      });
      continue;
    }
    let value: unknown = parsed.data;
    if (f.field === 'services' && Array.isArray(value)) value = value.map((s) => unsaidPrice(s, numbers));
    const support = supportOf(f.field, value, words, said);
    if (support < (STRICT.has(f.field) ? 1 : 0.5)) {
      dropped.push({
        field: f.field,
        reason: `not in the founder's words (${Math.round(support * 100)}% of its words were said)`,
      });
      continue;
    }
    let confidence = clamp(f.confidence);
    const quoteFound = !!f.quote && said.includes(comparable(f.quote));
    if (!quoteFound) confidence = Math.round(confidence * 50) / 100;
    const alternatives = f.alternatives
      .filter((a) => !keptOutKind(a.value) && a.value.trim())
      .slice(0, 3)
      .map((a) => ({ ...a, confidence: clamp(a.confidence) }));
    fields.push({ ...f, value, confidence, quote: quoteFound ? f.quote : f.quote || '', alternatives });
  }
  return { ...extraction, fields, dropped, kept_out: keptOut };
}

/** Fields whose every word (or digit) must have been said: names and contacts. */
const STRICT = new Set([
  'business_name',
  'founder_name',
  'contact_email',
  'contact_phone',
  'location_city',
  'tagline',
]);
/** Fields that are codes or reformatted, checked by what they mean rather than their spelling. */
const CODED = new Set(['location_region', 'location_country', 'currency', 'founded_year']);

function supportOf(field: string, value: unknown, words: Set<string>, said: string): number {
  if (CODED.has(field)) return field === 'founded_year' ? (said.includes(String(value)) ? 1 : 0) : 1;
  if (field === 'contact_phone') {
    const digits = String(value).replace(/\D/g, '');
    return said.replace(/\D/g, '').includes(digits.slice(-7)) || spokenDigits(said).includes(digits) ? 1 : 0;
  }
  if (field === 'contact_email') {
    const local = String(value).split('@')[0]!;
    return said.includes(comparable(local)) ? 1 : 0;
  }
  if (field === 'website_url') {
    const host = String(value)
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .split('/')[0]!;
    return said.includes(comparable(host.split('.')[0]!)) ? 1 : 0;
  }
  const text = leaves(value).join(' ');
  const content = comparable(text)
    .split(' ')
    .filter((w) => w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w));
  if (!content.length) return 1;
  return (
    content.filter((w) => words.has(w) || words.has(w.replace(/s$/, '')) || words.has(`${w}s`)).length /
    content.length
  );
}

/** The text a value says: its strings (not its keys), numbers as digits. */
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

function unsaidPrice(service: Record<string, unknown>, numbers: Set<number>): Record<string, unknown> {
  if (typeof service.price !== 'number' || numbers.has(service.price)) return service;
  const { price: _price, ...rest } = service;
  return rest;
}

/** "six one four five five five…" → "614555…" (digits said one by one). */
function spokenDigits(said: string): string {
  return said
    .split(' ')
    .map((w) => DIGIT_WORDS[w] ?? (/^\d$/.test(w) ? w : ' '))
    .join('')
    .replace(/\s+/g, ' ');
}

/** Lower case, no accents or punctuation, single spaces: what "the same words" means here. */
export function comparable(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9@]+/g, ' ')
    .trim();
}

function clamp(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, Math.round(n * 1000) / 1000)) : 0;
}

const STOP = new Set(
  'the and for with that this our are you your they them from who what was were have has had but not all any can her his its out also just very more most some than then there their into about over only like when where which while will would could should each other such own same both few many much per via'.split(
    ' ',
  ),
);
