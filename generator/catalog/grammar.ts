import { createRequire } from 'node:module';
import { plainWords } from '../words.ts';

/**
 * Small grammar helpers for composing copy from founders' own words: articles,
 * possessives, lists, sentence and phrase casing. They never add facts; they
 * only make the founder's facts read well whatever the business name is.
 */
const require = createRequire(import.meta.url);
const indefinite = require('indefinite') as (word: string, options?: { articleOnly?: boolean }) => string;

/** "a yoga studio", "an hour", "an MBA". */
export function withArticle(phrase: string): string {
  const p = phrase.trim();
  if (!p) return p;
  return `${indefinite(p, { articleOnly: true }).toLowerCase()} ${p}`;
}

/**
 * "Rosa’s", "Rosa & Daughters’", "Glass’". Undefined when a possessive would
 * read badly, so patterns using it are skipped: names that do not end in a
 * letter or digit (an emoji, a symbol), and legal names with a comma or a
 * company suffix ("Okafor Family Law, PLLC", "Acme Inc.", "Smith & Co Ltd").
 */
export function possessive(name: string): string | undefined {
  const n = collapse(name);
  if (!/[\p{L}\p{N}]$/u.test(n) || n.includes(',') || LEGAL_SUFFIX.test(n)) return undefined;
  return /s$/i.test(n) ? `${n}’` : `${n}’s`;
}

/** Company-form suffixes that make a name a legal name ("… LLC", "… Inc."). */
const LEGAL_SUFFIX = /\s(?:L\.?L\.?C|P\.?L\.?L\.?C|L\.?L\.?P|Inc|Ltd|Corp)\.?$/i;

/** Oxford-comma list: "a, b, and c". */
export function list(items: readonly string[], conjunction = 'and'): string {
  const xs = items.map((s) => s.trim()).filter(Boolean);
  if (xs.length <= 1) return xs[0] ?? '';
  if (xs.length === 2) return `${xs[0]} ${conjunction} ${xs[1]}`;
  return `${xs.slice(0, -1).join(', ')}, ${conjunction} ${xs.at(-1)}`;
}

/** A complete sentence: first letter upper-case, ends with terminal punctuation. */
export function sentence(text: string): string {
  let s = collapse(text);
  if (!s) return s;
  s = upperFirst(s);
  if (!/[.!?…]["”’)]?$/.test(s)) s += '.';
  return s;
}

/**
 * A founder's fragment placed mid-sentence ("offers {phrase}"): no closing full
 * stop, and the first word lower-cased only when it is an ordinary capitalised
 * word ("Bread and pastries" → "bread and pastries"). A word is kept as written
 * when it is one of the business's own names (`names`: words of the business,
 * founder and place facts), a day, month or nationality, a method or brand
 * named after a person or trademarked ("Zumba", "Pilates"), an acronym, a name's
 * possessive ("Rosa's"), or the start of a capitalised name ("Federal Hill").
 */
export function phrase(text: string, names: ReadonlySet<string> = new Set()): string {
  const s = collapse(text).replace(/[.!]+$/, '');
  const m = /^(\p{Lu}\p{Ll}[\p{Ll}'’-]*)(.*)$/u.exec(s);
  if (!m) return s;
  const word = m[1]!;
  const rest = m[2]!;
  const lower = word.toLowerCase();
  if (rest && !/^[\s,;:]/.test(rest)) return s;
  if (/['’]s?$/.test(word) && !COMMON_POSSESSIVES.has(lower)) return s;
  if (/^\p{Lu}/u.test(rest.trim())) return s;
  if (PROPER.has(lower) || names.has(lower)) return s;
  return lower + rest;
}

/** Lower-cased words of the facts that name things (business, founder, places): they keep their capitals. */
export function nameWords(...facts: (string | null | undefined)[]): Set<string> {
  const words = new Set<string>();
  for (const f of facts) {
    for (const w of (f ?? '').split(/[^\p{L}'’-]+/u)) if (/^\p{Lu}/u.test(w)) words.add(w.toLowerCase());
  }
  return words;
}

const PROPER = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december english spanish french italian german portuguese chinese japanese korean ' +
    'arabic hindi mexican american canadian british irish christian catholic jewish muslim latino latina black ' +
    // Methods and brands named after people or trademarked, written with a capital in any sentence.
    'pilates zumba reiki crossfit botox invisalign montessori waldorf feldenkrais iyengar bikram'
  ).split(' '),
);
const COMMON_POSSESSIVES = new Set([
  "children's",
  "women's",
  "men's",
  "kids'",
  "people's",
  'children’s',
  'women’s',
  'men’s',
  'people’s',
]);

/** A phrase as a title or label: first letter upper-case, no terminal full stop. */
export function title(text: string): string {
  return upperFirst(collapse(text).replace(/[.!]+$/, ''));
}

export function upperFirst(s: string): string {
  if (!s) return s;
  const [first, ...rest] = Array.from(s);
  return first!.toLocaleUpperCase('en') + rest.join('');
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Sentences of a text, for de-duplication across the site. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+/)
    .map((s) => plainWords(s))
    .filter((s) => s.length > 12);
}
