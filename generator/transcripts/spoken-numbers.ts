/**
 * Numbers and prices as people say them and transcribers write them:
 * "$9", "9 dollars", "nine dollars", "a hundred and seventy-five dollars",
 * "four fifty" (4.50), "three seventy-five each", "$1,450", "twenty bucks".
 * Only amounts with a currency word or sign are prices, except the spoken
 * "four fifty" form right after a price word (is, costs, for, at).
 */
/** Digit words, for phone numbers said one digit at a time. */
export const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

const UNITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const NUMBER_WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TENS), 'hundred', 'thousand'].join('|')})`;
/** A run of number words: "a hundred and seventy-five", "sixty five". */
export const SPELLED = new RegExp(`\\b${NUMBER_WORD}(?:(?:[\\s-]+|\\s+and\\s+)${NUMBER_WORD})*\\b`, 'gi');

/** "a hundred and seventy-five" → 175; "four fifty" is not read here (see `priceIn`). Null when not a number. */
export function spelledNumber(words: string): number | null {
  const parts = words
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && w !== 'and');
  if (!parts.length || (parts.length === 1 && (parts[0] === 'a' || parts[0] === 'an' || parts[0] === 'oh')))
    return null;
  let total = 0;
  let current = 0;
  for (const w of parts) {
    if (w in UNITS) current += UNITS[w]!;
    else if (w in TENS) current += TENS[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else return null;
  }
  return total + current;
}

/** A spelled number below 100 ("fifty", "seventy-five"), for the cents of "four fifty". */
function underHundred(words: string): number | null {
  const n = spelledNumber(words);
  return n !== null && n < 100 ? n : null;
}

export interface PriceMatch {
  amount: number;
  /** Where in the text the amount was said, and what was said. */
  index: number;
  text: string;
  currency: 'USD' | 'GBP' | 'EUR' | null;
  /** "four fifty": read as 4.50, which could also mean 450: less certain. */
  ambiguous: boolean;
}

const CURRENCY_WORD = /^\s*(dollars?|bucks|usd|pounds?|quid|gbp|euros?|eur)\b/i;
const SIGN: Record<string, PriceMatch['currency']> = { $: 'USD', '£': 'GBP', '€': 'EUR' };

function currencyOf(word: string): PriceMatch['currency'] {
  const w = word.toLowerCase();
  if (/^(dollar|buck|usd)/.test(w)) return 'USD';
  if (/^(pound|quid|gbp)/.test(w)) return 'GBP';
  return 'EUR';
}

/** Every price said in a text, in order. */
export function pricesIn(text: string): PriceMatch[] {
  const found: PriceMatch[] = [];
  for (const m of text.matchAll(/([$£€])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/g)) {
    found.push({
      amount: Number(`${m[2]!.replace(/,/g, '')}.${m[3] ?? '0'}`),
      index: m.index,
      text: m[0],
      currency: SIGN[m[1]!]!,
      ambiguous: false,
    });
  }
  for (const m of text.matchAll(
    /\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?=\s*(?:dollars?|bucks|usd|pounds?|quid|euros?)\b)/gi,
  )) {
    const after = CURRENCY_WORD.exec(text.slice(m.index + m[0].length))!;
    found.push({
      amount: Number(`${m[1]!.replace(/,/g, '')}.${m[2] ?? '0'}`),
      index: m.index,
      text: m[0] + after[0],
      currency: currencyOf(after[1]!),
      ambiguous: false,
    });
  }
  for (const match of text.matchAll(SPELLED)) {
    // "three twenty-five an hour": a trailing "a", "an" or "and" belongs to what follows.
    const said = match[0].replace(/(?:\s+(?:and|an?))+$/i, '');
    const m = { 0: said, index: match.index };
    const rest = text.slice(m.index + m[0].length);
    const word = CURRENCY_WORD.exec(rest);
    const n = spelledNumber(m[0]);
    if (n === null) continue;
    if (word) {
      // "nine dollars", "four dollars fifty"
      const cents = /^\s*(?:and\s+)?([a-z-]+(?:[\s-][a-z]+)?)\s*(?:cents?)?/i.exec(
        rest.slice(word[0].length),
      );
      const c = cents ? underHundred(cents[1]!) : null;
      found.push({
        amount: c !== null && /cents?|^\s*and/i.test(cents![0]) ? n + c / 100 : n,
        index: m.index,
        text: m[0] + word[0],
        currency: currencyOf(word[1]!),
        ambiguous: false,
      });
      continue;
    }
    // "four fifty", "three seventy-five" after a price word: dollars and cents as said.
    const words = m[0].split(/\s+/);
    const before = text.slice(Math.max(0, m.index - 14), m.index).toLowerCase();
    if (words.length >= 2 && /(?:\bis|\bare|costs?|\bfor|\bat|\bruns?|\bcharge|,)\s*$/.test(before)) {
      const dollars = spelledNumber(words[0]!);
      const cents = underHundred(words.slice(1).join(' '));
      // "one seventy-five" is said for 175; "four fifty" for 4.50 or 450 (the caller decides, see services-reader).
      if (dollars === 1 && cents !== null && cents >= 10)
        found.push({ amount: 100 + cents, index: m.index, text: m[0], currency: null, ambiguous: false });
      else if (dollars !== null && dollars > 1 && dollars < 10 && cents !== null && cents >= 10)
        found.push({
          amount: dollars + cents / 100,
          index: m.index,
          text: m[0],
          currency: null,
          ambiguous: true,
        });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Every number the text says (digits or words): what a model's price must be one of. */
export function numbersSaid(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g))
    out.add(Number(m[0].replace(/,/g, '')));
  for (const m of text.matchAll(SPELLED)) {
    const n = spelledNumber(m[0]);
    if (n !== null) out.add(n);
  }
  for (const p of pricesIn(text)) out.add(p.amount);
  return out;
}
