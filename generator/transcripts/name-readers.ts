import type { Answer, Sentence } from './answer-readers.ts';
import { NO_ANSWER } from './sentences.ts';

/**
 * Names in answers: the business's name ("Rosa & Daughters Bakery.", "It's
 * called Still Water Yoga", "everybody knows us as X, but the new company is
 * going to be Y") and the founder's ("I'm Dale Kowalczyk"). A name is a run of
 * capitalised words, digits and symbols, with connectors (of, and, the, &…)
 * between them, or a quoted phrase.
 */
const CONNECTORS = new Set([
  'of',
  'and',
  'the',
  'on',
  'by',
  'for',
  'de',
  'du',
  'la',
  'le',
  'von',
  'van',
  'at',
  '&',
  '+',
]);
export const NAME_LEAD =
  /^(?:(?:it's|it is|we're|we are|i'm|i am|the name is|the name's|our name is|my name is|the business is|the business is called|it's called|we're called|we are called|i call it|we call it|we go by|i go by|this is|call me|that's|that is|just)\s+)+/i;

/** A proper name at the start of an answer: capitalised words (and connectors between them). */
export function properName(text: string): string | null {
  const quoted = /[“"]([^”"]{2,80})[”"]/.exec(text);
  if (quoted) return quoted[1]!.trim();
  const words = text.replace(NAME_LEAD, '').split(/\s+/);
  const out: string[] = [];
  for (const w of words) {
    const bare = w.replace(/[.,;:!?]+$/, '');
    const capital = /^[\p{Lu}\p{N}&'’"“(]/u.test(bare) || /^\d/.test(bare);
    if (capital || (out.length && CONNECTORS.has(bare.toLowerCase()))) out.push(bare);
    else break;
    if (bare !== w) break; // punctuation ends the name
  }
  while (out.length && CONNECTORS.has(out.at(-1)!.toLowerCase())) out.pop();
  const name = out.join(' ').replace(/^["“]|["”]$/g, '');
  return name && name.length <= 120 ? name : null;
}

export const CORRECTION =
  /\b(?:but|actually|new|going to be|will be|officially|renaming|renamed|changing)\b/i;
const NAMED =
  /\b(?:called|named|known as|knows us as|know us as|go by|going to be|will be|is going to be|trading as|it's|it is|we're|we are)\s+(["“]?(?:[\p{Lu}\p{N}][^\s,.;:!?]*)(?:\s+(?:[\p{Lu}\p{N}&+][^\s,.;:!?]*|of|and|the|on|by|for|de|la|at))*["”]?)/gu;

/** Names the answer gives the business: the whole first sentence when it is a name, and names after "called", "known as", "going to be"… */
export function businessNames(a: Answer): { name: string; sentence: Sentence }[] {
  const out: { name: string; sentence: Sentence }[] = [];
  for (const [i, s] of a.sentences.entries()) {
    if (i === 0 && NO_ANSWER.test(s.tidy)) return [];
    const whole = i === 0 ? properName(s.tidy) : null;
    // A name that is the whole sentence ("Rosa & Daughters Bakery."), or two capitalised words or more.
    const rest = whole
      ? s.tidy
          .replace(NAME_LEAD, '')
          .slice(whole.length)
          .replace(/^[\s"”]+/, '')
      : '';
    if (
      whole &&
      (!rest || /^[.,;:!?]/.test(rest) || whole.split(' ').length >= 2) &&
      !/^(?:I|We|It|The|This|That|Everybody|Everyone|People)$/.test(whole)
    )
      out.push({ name: whole, sentence: s });
    for (const m of s.tidy.matchAll(NAMED)) {
      const name = m[1]!.replace(/^["“]|["”]$/g, '').replace(/\s+(?:of|and|the|on|by|for|de|la|at)$/i, '');
      if (name.split(' ').length >= 2 || /["“]/.test(m[1]!)) out.push({ name, sentence: s });
    }
  }
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.name) && seen.add(c.name));
}
