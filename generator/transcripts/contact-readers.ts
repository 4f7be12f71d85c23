import { DIGIT_WORDS } from './spoken-numbers.ts';

/**
 * E-mail addresses, phone numbers and web addresses in an answer, written
 * ("orders@rosadaughters.example.com", "(401) 555-0134") or spoken
 * ("orders at rosa daughters dot com", "four oh one, five five five…").
 * A spoken form is read only when it is unmistakable, and with less
 * confidence than a written one.
 */
export interface Found {
  value: string;
  /** The words it was read from. */
  quote: string;
  spoken: boolean;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

export function emailIn(text: string): Found | null {
  const written = EMAIL.exec(text);
  if (written)
    return { value: written[0].replace(/\.$/, '').toLowerCase(), quote: written[0], spoken: false };
  const spoken =
    /\b([a-z][\w.]*(?: ?(?:dot|underscore) ?[a-z]\w*)*) at ([a-z][\w-]*(?: ?dot ?[a-z][\w-]*)+)\b/i.exec(
      text,
    );
  if (!spoken || !/ ?dot ?(?:com|org|net|co|io|us|uk|example|info|biz)\b/i.test(spoken[2]!)) return null;
  const part = (s: string) =>
    s
      .replace(/ ?\bdot\b ?/gi, '.')
      .replace(/ ?\bunderscore\b ?/gi, '_')
      .replace(/\s+/g, '');
  const value = `${part(spoken[1]!)}@${part(spoken[2]!)}`.toLowerCase();
  return EMAIL.test(value) ? { value, quote: spoken[0], spoken: true } : null;
}

const PHONE = /(?:\+?1[\s.-]?)?\(?\b(\d{3})\)?[\s.-]?(\d{3})[\s.-](\d{4})\b/;

export function phoneIn(text: string): Found | null {
  const written = PHONE.exec(text);
  if (written)
    return { value: `(${written[1]}) ${written[2]}-${written[3]}`, quote: written[0], spoken: false };
  // Ten digits said one by one ("six one four, five five five, oh one eight eight").
  const words =
    /\b((?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double \w+)[\s,.-]+){9,13}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine))\b/i.exec(
      text,
    );
  if (!words) return null;
  const digits: string[] = [];
  const tokens = words[1]!.toLowerCase().split(/[\s,.-]+/);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'double' && tokens[i + 1] && tokens[i + 1]! in DIGIT_WORDS) {
      digits.push(DIGIT_WORDS[tokens[i + 1]!]!, DIGIT_WORDS[tokens[i + 1]!]!);
      i++;
    } else if (tokens[i]! in DIGIT_WORDS) digits.push(DIGIT_WORDS[tokens[i]!]!);
  }
  if (digits.length !== 10) return null;
  const d = digits.join('');
  return { value: `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, quote: words[1]!, spoken: true };
}

export function websiteIn(text: string): Found | null {
  const url = /\bhttps?:\/\/[^\s<>"')]+/i.exec(text);
  if (url) return { value: url[0].replace(/[.,]+$/, ''), quote: url[0], spoken: false };
  const domain =
    /(?<![@\w.-])(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|us|biz|info|app|dev|shop|store|site|online|uk|ca)\b(?![@\w-])/i.exec(
      text,
    );
  if (!domain) return null;
  const bare = domain[0].toLowerCase();
  return { value: `https://${bare}`, quote: domain[0], spoken: false };
}
