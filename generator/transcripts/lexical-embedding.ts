import { foldAccents, stem } from '../words.ts';

/**
 * The offline embedding, named for what it is: **lexical**, not semantic. A
 * text becomes a 1536-dimension vector (the width of the schema's
 * `vector(1536)`, OpenAI's text-embedding-3-small) by feature hashing: each
 * word stem and each pair of neighbouring stems is hashed (FNV-1a, 32 bit) to
 * a dimension and a sign, weighted 1 + ln(count), and the vector is
 * L2-normalised, so cosine similarity measures shared words. "What do you
 * charge for a drain?" finds the passage about drain prices because both say
 * "drain"; it does not know that "cost" and "price" mean the same thing.
 * Deterministic: the same text gives the same vector on every machine.
 */
export const LEXICAL_MODEL = 'dreamseed-lexical-hash';
export const LEXICAL_VERSION = 'v1-fnv1a-stems-bigrams-1536';
export const EMBEDDING_DIMENSIONS = 1536;

const STOP = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have having he her here hers him his how i if in into is it its ' +
    "just me my no not of on or our ours she so some such than that the their them then there these they this those to too up us very was we were what when where which who whom why will with would you your yours i'm it's that's we're you're"
  ).split(' '),
);

export function lexicalTerms(text: string): string[] {
  const words = foldAccents(text)
    .toLowerCase()
    .replace(/[’']/g, '')
    .match(/[a-z0-9]+/g);
  if (!words) return [];
  const stems = words.filter((w) => !STOP.has(w)).map((w) => stem(w));
  const terms = [...stems];
  for (let i = 0; i + 1 < stems.length; i++) terms.push(`${stems[i]}_${stems[i + 1]}`);
  return terms;
}

export function lexicalEmbedding(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const counts = new Map<string, number>();
  for (const t of lexicalTerms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const v = new Float64Array(dimensions);
  for (const [term, count] of counts) {
    const h = fnv1a(term);
    const weight = (1 + Math.log(count)) * (term.includes('_') ? 0.5 : 1);
    v[(h >>> 1) % dimensions]! += (h & 1 ? -1 : 1) * weight;
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return Array.from(v, (x) => (norm ? Math.round((x / norm) * 1e6) / 1e6 : 0));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
