/**
 * Small, pure text helpers that section `compose` functions share: normalising
 * founder text, links built from contact facts, whole-sentence fitting and
 * label comparison. None of them adds a fact; they only shape the founder's.
 */
import { collapse } from '../writers/grammar.ts';

export { collapse as clean, upperFirst } from '../writers/grammar.ts';

/**
 * `tel:` link for the first dialable number in a phone fact ("(401) 555-0134 ext. 2" → tel:4015550134);
 * undefined when the text holds no single dialable number, so it is shown without a link.
 */
export function telHref(phone: string): string | undefined {
  const main = phone.split(/\s*(?:ext\.?|extension|x(?=\s*\d)|#|,|;|\bor\b|\/)\s*/i)[0] ?? '';
  if (/\p{L}/u.test(main)) return undefined;
  const digits = main.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return `tel:${main.trim().startsWith('+') ? '+' : ''}${digits}`;
}

/** The text, or as many of its first whole sentences as fit in `max`; undefined if not even one fits. */
export function wholeSentences(text: string, max: number): string | undefined {
  const t = collapse(text);
  if (t.length <= max) return t;
  let out = '';
  for (const s of t.split(/(?<=[.!?…])\s+(?=["“‘(]?\p{Lu})/u)) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > max) break;
    out = next;
  }
  return out || undefined;
}

/** True when one label repeats the other ("The problem" / "The problem we set out to solve"). */
export function echoes(a: string, b: string): boolean {
  const n = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const [x, y] = [n(a), n(b)];
  const firstTwo = (s: string) => s.split(' ').slice(0, 2).join(' ');
  return x.includes(y) || y.includes(x) || firstTwo(x) === firstTwo(y);
}

/** -ing words that are nouns ("catering", "plumbing"), so a phrase starting with one reads after "offers". */
const ING_NOUNS = new Set(
  (
    'wedding catering plumbing landscaping bookkeeping clothing housing lighting roofing flooring consulting accounting ' +
    'marketing engineering tutoring coaching grooming boarding printing framing piercing fencing paving siding ' +
    'decking tiling bedding seating'
  ).split(' '),
);

/**
 * The service as a noun phrase that can follow "offers" or "with", or undefined when it starts
 * with a verb in -ing ("Connecting legacy systems…"), which only reads after a colon or "is".
 */
export function nounPhrase(service: string): string | undefined {
  const first = (service.split(/\s+/)[0] ?? '').toLowerCase().replace(/[^\p{L}-]/gu, '');
  return /ing$/.test(first) && !ING_NOUNS.has(first) ? undefined : service;
}
