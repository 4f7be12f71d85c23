import { createRequire } from 'node:module';

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
 * "Rosa’s", "Rosa & Daughters’", "Glass’". Undefined for names that do not end
 * in a letter or digit (an emoji, a symbol): a possessive would read badly, so
 * patterns using it are skipped.
 */
export function possessive(name: string): string | undefined {
  const n = name.trim();
  if (!/[\p{L}\p{N}]$/u.test(n)) return undefined;
  return /s$/i.test(n) ? `${n}’` : `${n}’s`;
}

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
 * A phrase to embed mid-sentence: no terminal full stop; the first letter is
 * lower-cased only when the first word is a common word (so "Families in
 * Portland" → "families in Portland", but "Portland families" keeps its name).
 */
export function phrase(text: string): string {
  const s = collapse(text).replace(/[.!]+$/, '');
  const first = (s.split(/\s+/)[0] ?? '').replace(/[^\p{L}'’-]/gu, '');
  if (/^\p{Lu}[\p{Ll}'’-]*$/u.test(first) && COMMON_WORDS.has(first.toLowerCase())) {
    return s.charAt(0).toLowerCase() + s.slice(1);
  }
  return s;
}

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

/** Common sentence openers of founders' facts; any other capitalised first word is kept as a name. */
const COMMON_WORDS = new Set(
  (
    'a an the we our my us they their this that these those it its every each all most many some any more ' +
    'busy new small growing local working young older single expecting first-time independent hungry ' +
    'families family parents couples people owners homeowners renters residents neighbours neighbors ' +
    'teams companies businesses startups founders professionals anyone everyone dogs dog pets pet cats ' +
    'clients customers patients students kids children adults seniors women men brides engaged ' +
    'restaurants cafes shops landlords tenants households individuals organisations organizations ' +
    'when if for from to in on at with by of and or but because after before while since hand handmade ' +
    'fresh real same fast fixed flat honest clear plain simple custom emergency affordable free weekly daily ' +
    'mobile full one two three help helping making offering providing bringing giving getting'
  ).split(' '),
);

/** Sentences of a text, for de-duplication across the site. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+/)
    .map((s) =>
      s
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    )
    .filter((s) => s.length > 12);
}
