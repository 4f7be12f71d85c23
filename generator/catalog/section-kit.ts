/**
 * Small helpers that section `compose` functions share: links built from
 * contact facts, whole-sentence fitting, lists the founder wrote out, opening
 * hours, prices, navigation and label comparison. All are pure (the two that
 * take the compose context only read from it). None of them adds a fact; they
 * only shape the founder's. Tidying and casing text (`collapse`, `title`,
 * `upperFirst`) is grammar.ts's; comparing words, words.ts's.
 */

import { plainWords, stem } from '../words.ts';
import { linkHref } from './content-schema.ts';
import type { ComposeContext } from './define-section.ts';
import { collapse, upperFirst } from './grammar.ts';

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

/**
 * True when one label repeats the other: one contains the other ("The problem" /
 * "The problem we set out to solve"), they start with the same two words, or the
 * words that carry meaning in one all stand in the other, whatever their ending
 * ("What we offer" / "What Eastside Pantry offers", "The difference" / "What
 * makes Rosa different").
 */
export function echoes(a: string, b: string): boolean {
  const [x, y] = [plainWords(a), plainWords(b)];
  const firstTwo = (s: string) => s.split(' ').slice(0, 2).join(' ');
  if (x.includes(y) || y.includes(x) || firstTwo(x) === firstTwo(y)) return true;
  const [mx, my] = [meaningWords(a), meaningWords(b)];
  const within = (p: string[], q: string[]) => p.length > 0 && p.every((w) => q.includes(w));
  return within(mx, my) || within(my, mx);
}

/**
 * True when two texts share a word that carries meaning, whatever its ending
 * ("Inés Calderón Photography" / "Wedding and elopement photography"): joined
 * in one line, they would say that word twice.
 */
export function sharesWord(a: string, b: string): boolean {
  const other = new Set(meaningWords(b));
  return meaningWords(a).some((w) => w.length >= 3 && other.has(w));
}

/** The words of a text that carry meaning, lower-cased and without their usual endings. */
function meaningWords(s: string): string[] {
  return plainWords(s)
    .split(' ')
    .filter((w) => w && !FUNCTION_WORDS.has(w))
    .map(stem);
}

/** Words that carry no meaning of their own in a short label. */
const FUNCTION_WORDS = new Set(
  'a an the we our us you your to of and for in on at is it its what how who why with by do does can'.split(
    ' ',
  ),
);

/**
 * A section's headline (pattern key `headline`, at most 80 characters, or the
 * fallback) and its eyebrow (key `eyebrow`, at most 60). Eyebrow patterns get
 * the business as `name` only when the headline does not already say it, and
 * an eyebrow that only repeats the headline ("Our story" above "Our story at
 * Rosa's") is left out.
 */
export function headlineAndEyebrow(
  ctx: Pick<ComposeContext, 'text' | 'businessName'>,
  fallback: string,
  data?: Record<string, unknown>,
): { headline: string; eyebrow?: string } {
  const headline = ctx.text('headline', { max: 80, data }) ?? fallback;
  const eyebrow = ctx.text('eyebrow', { max: 60, data: unlessSaid(headline, ctx.businessName) });
  return { headline, eyebrow: eyebrow && !echoes(eyebrow, headline) ? eyebrow : undefined };
}

/**
 * Pattern data `{ name }` (the business name) when `said` does not already
 * name the business, otherwise none, so that patterns using `{{name}}` are
 * skipped and a heading and the line under it do not both name the business.
 */
export function unlessSaid(said: string, businessName: string): { name?: string } {
  return said.toLowerCase().includes(businessName.toLowerCase()) ? {} : { name: businessName };
}

/** The site's pages as navigation links (header, footer): valid hrefs, labels of 1–24 characters, at most 8. */
export function navLinks(ctx: Pick<ComposeContext, 'pages'>): { href: string; label: string }[] {
  return ctx
    .pages()
    .map((p) => ({ href: p.href, label: collapse(p.label) }))
    .filter((p) => linkHref.safeParse(p.href).success && p.label.length > 0 && p.label.length <= 24)
    .slice(0, 8);
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

/** The label when it fits in `max` characters, otherwise the fallback ("Call (401) 555-0134" or "Call us"). */
export function fitLabel(label: string, max: number, fallback: string): string {
  return label.length <= max ? label : fallback;
}

/** The founder's place names joined as an address line ("Providence, RI"); empty parts are skipped. */
export function placeName(...parts: (string | null | undefined)[]): string {
  return parts
    .map((p) => collapse(p ?? ''))
    .filter(Boolean)
    .join(', ');
}

/** Drops a closing ".", ";" or "," but keeps the dot of an abbreviation such as "p.m.". */
export function dropStop(s: string): string {
  if (/\b\p{L}\.\p{L}\.$/u.test(s)) return s;
  return s.replace(/[.;,]+$/, '');
}

/**
 * Opening hours split where the founder already separated them (";", a line
 * break or the end of a sentence), one line a part. Words are never changed:
 * only a part's first letter is capitalised and its closing stop dropped. When
 * the parts do not fit (`maxLines` lines of `maxLine` characters), the whole
 * text is one line, or undefined when even that is too long.
 */
export function hourLines(text: string, maxLine: number, maxLines: number): string[] | undefined {
  const whole = collapse(text);
  const parts = text
    .split(/;|\n|(?<=[\p{Ll}\d)]\.)\s+(?=\p{Lu})/u)
    .map((p) => upperFirst(dropStop(collapse(p))))
    .filter(Boolean);
  if (parts.length >= 1 && parts.length <= maxLines && parts.every((p) => p.length <= maxLine)) return parts;
  return whole && whole.length <= maxLine ? [whole] : undefined;
}

/** Words that start a qualifier or an aside, not a new item ("…, especially …", "…, who …"). */
const NOT_AN_ITEM = new Set(
  (
    'especially mostly mainly usually often typically primarily particularly including such like who whom whose which ' +
    'that with without in on at for from of to by near around across within both either not but so whether if when where ' +
    'their its his her them they those these other others also and or plus'
  ).split(' '),
);

/** Subject pronouns: a list whose first item starts with one is a list of that subject's verbs. */
const SUBJECTS = new Set('i we you he she they it'.split(' '));

/**
 * The items of a list the founder wrote out ("A, B, and C"), word for word with
 * a capital first letter, or undefined when the text is not plainly such a list.
 * The last item must follow ", <joiner>" (one of `joiners`); every item has two
 * words or more and at most `maxLength` characters; later items start in lower
 * case (so "Ohio, Indiana, and Michigan" is not split) and none starts like a
 * qualifier. A first item that starts with a subject ("She works quietly,
 * edits lightly, and …") makes the rest its verbs, not items of their own.
 * Text holding ";", ":", brackets or several sentences is not split.
 */
export function listedItems(
  text: string,
  options: { joiners: readonly string[]; min: number; max: number; maxLength: number },
): string[] | undefined {
  const t = collapse(text).replace(/[.!]+$/, '');
  if (/[;:()[\]]|[.!?]\s/.test(t)) return undefined;
  const parts = t.split(/,\s+/);
  if (parts.length < options.min || parts.length > options.max) return undefined;
  const last = parts.at(-1)!;
  const joiner = options.joiners.find((j) => last.toLowerCase().startsWith(`${j} `));
  if (!joiner) return undefined;
  parts[parts.length - 1] = last.slice(joiner.length + 1).trim();
  for (const [i, part] of parts.entries()) {
    const words = part.split(/\s+/);
    if (words.length < 2 || part.length > options.maxLength) return undefined;
    if (NOT_AN_ITEM.has(words[0]!.toLowerCase())) return undefined;
    if (i === 0 && SUBJECTS.has(words[0]!.toLowerCase())) return undefined;
    if (i > 0 && !/^[\p{Ll}\p{N}]/u.test(part)) return undefined;
  }
  return parts.map(upperFirst);
}

/**
 * What `write` makes of the founder's items, in order, skipping those it makes
 * nothing of (undefined), until `max` are made. Items after that are never
 * written: `ctx.verbatim` records what it shows, so an item left out must not
 * be passed to it.
 */
export function upTo<T, R>(items: readonly T[], max: number, write: (item: T) => R | undefined): R[] {
  const made: R[] = [];
  for (const item of items) {
    if (made.length >= max) break;
    const result = write(item);
    if (result !== undefined) made.push(result);
  }
  return made;
}

/** Units that only restate that the price is the price. */
const PLAIN_UNITS = new Set(['package', 'total', 'price', 'fixed price', 'flat', 'one-off', 'one off']);

/** Words after which "per" would read wrongly ("per installed", "per minimum"). */
const NO_PER = new Set(
  (
    'each minimum min max maximum total approx approximately only plus onwards upwards net gross extra deposit ' +
    'retainer pp ea'
  ).split(' '),
);

/**
 * A service's price unit as a reader expects it beside the price, for every
 * section that shows prices (so they agree). It only rearranges the founder's
 * words: "from, 8-inch cake" → from + "8-inch cake"; "loaf" → "per loaf";
 * "per hour", "flat fee", "each", "installed" unchanged. No unit when it only
 * restates the price ("package") or the item's own name ("Ten-class card", "card").
 */
export function priceUnit(raw: string | null | undefined, item: string): { from: boolean; unit?: string } {
  if (!raw) return { from: false };
  let u = collapse(raw);
  let from = false;
  const lead = /^(from|starting at|starting from|starts at)\b[\s,:;–—-]*/i.exec(u);
  if (lead) {
    from = true;
    u = u.slice(lead[0].length).trim();
  }
  u = u.replace(/^[,;:–—-]+\s*/, '').replace(/[.;,]+$/, '');
  const lower = u.toLowerCase();
  if (
    !u ||
    PLAIN_UNITS.has(lower) ||
    ` ${plainWords(item, { keepHyphens: true })} `.includes(` ${plainWords(u, { keepHyphens: true })} `)
  )
    return { from };
  if (/\s/.test(u) || !/^\p{L}/u.test(u) || /^(per|a|an|every)$/i.test(u)) return { from, unit: u };
  if (/(ed|ly|ing)$/i.test(u) || NO_PER.has(lower)) return { from, unit: u };
  return { from, unit: `per ${u}` };
}

/** How an image sits: wider than 6:5, taller than 5:6, or about square; null when its size is not known. */
export type Shape = 'landscape' | 'square' | 'portrait';

export function shapeOf(m: { width?: number | null; height?: number | null }): Shape | null {
  if (!m.width || !m.height) return null;
  const ratio = m.width / m.height;
  return ratio >= 1.2 ? 'landscape' : ratio <= 1 / 1.2 ? 'portrait' : 'square';
}

/**
 * Founder media for a slot of one shape, best fit first: a `wide` slot (a hero
 * band) takes landscape images, then square ones; a `tall` slot (a portrait
 * frame) portrait, then square. Images of unknown size come last; images of the
 * opposite shape are left out, as the crop would cut most of them away.
 */
export function forSlot<T extends { width: number | null; height: number | null }>(
  media: readonly T[],
  slot: 'wide' | 'tall',
): T[] {
  const order: (Shape | null)[] =
    slot === 'wide' ? ['landscape', 'square', null] : ['portrait', 'square', null];
  return order.flatMap((shape) => media.filter((m) => shapeOf(m) === shape));
}
