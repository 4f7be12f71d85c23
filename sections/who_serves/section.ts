import { z } from 'zod';
import { line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';

/**
 * Who the business is for, in the founder's words. When the founder named
 * several groups as a list ("A, B, and C" or "A, plus B"), the groups are kept
 * exactly as written for the `cards` variant; a single description is never
 * split into invented groups.
 */
const MAX_STATEMENT = 320;

export default defineSection({
  type: 'who_serves',
  label: 'Who we serve',
  description: 'The people (or businesses) the business is for, with the area it serves.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'who_serves', 'service_area', 'location_city', 'location_region'],
  requires: ['who_serves'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    eyebrow: line(60).optional(),
    headline: line(80),
    statement: line(MAX_STATEMENT),
    /** The groups exactly as the founder listed them; only when the founder listed several. */
    groups: z.array(line(120)).min(2).max(6).optional(),
    /** Lead-in for the groups (shown by the `cards` variant). */
    groupsIntro: line(120).optional(),
    note: line(240).optional(),
  }),
  variants: ['statement', 'cards'],
  patterns: {
    /** Shown only above a headline that does not already ask "who". */
    eyebrow: ['Who we serve', 'Who it’s for', 'Who {{business}} is for'],
    headline: [
      'Who we serve',
      'Who {{business}} is for',
      'The people we work with',
      'Is this you?',
      'Who we’re here for',
    ],
    statement: [
      '{{sentence who_text}}',
      'We work with {{who}}.',
      '{{business}} is for {{who}}.',
      'We’re here for {{who}}.',
    ],
    groupsIntro: [
      'If you see yourself here, you’re in the right place.',
      'If you see yourself here, {{business}} is for you.',
      'Start here if one of these describes you.',
    ],
    areaNote: [
      'Area served: {{title service_area}}.',
      'Where we work: {{title service_area}}.',
      'Our area: {{title service_area}}.',
    ],
    placeNote: ['Based in {{place}}.', 'We’re based in {{place}}.', 'You’ll find us in {{place}}.'],
  },
  compose(ctx) {
    const raw = ctx.fact('who_serves');
    if (!raw) return { status: 'missing', missing: ['who_serves'] };
    const whoText = clean(raw);
    // A long description keeps its first whole sentences; a sentence is never cut.
    const fitted = wholeSentences(whoText, MAX_STATEMENT - 20);
    const statement = fitted
      ? ctx.text('statement', {
          data: { who_text: fitted, who: inline(fitted, ctx.businessName) },
          max: MAX_STATEMENT,
        })
      : undefined;
    // Longer than a statement can hold, or already said on this page.
    if (!statement) return { status: 'missing', missing: ['who_serves'] };

    const headline = ctx.text('headline', { max: 80 }) ?? 'Who we serve';
    const eyebrow = /^who\b/i.test(headline) ? undefined : ctx.text('eyebrow', { max: 60 });
    const groups = groupsOf(whoText);

    // The note shows the area served or, when the DNA has none, where the business is based.
    let note = ctx.fact('service_area') ? ctx.text('areaNote', { max: 240 }) : undefined;
    if (!note) {
      const city = ctx.fact('location_city');
      const region = city ? ctx.fact('location_region') : undefined;
      const place = city
        ? [city, region]
            .filter(Boolean)
            .map((s) => clean(s!))
            .join(', ')
        : undefined;
      if (place) note = ctx.text('placeNote', { max: 240, data: { place } });
    }

    return {
      status: 'ok',
      content: {
        eyebrow,
        headline,
        statement,
        groups,
        groupsIntro: groups ? ctx.text('groupsIntro', { max: 120 }) : undefined,
        note,
      },
    };
  },
});

/** The text, or as many of its first whole sentences as fit in `max`; undefined if not even one fits. */
function wholeSentences(text: string, max: number): string | undefined {
  if (text.length <= max) return text;
  let out = '';
  for (const s of text.split(/(?<=[.!?…])\s+(?=["“‘(]?\p{Lu})/u)) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > max) break;
    out = next;
  }
  return out || undefined;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function upperFirst(s: string): string {
  const [first = '', ...rest] = Array.from(s);
  return first.toLocaleUpperCase('en') + rest.join('');
}

/** Words that start a qualifier or aside, not a new group ("…, especially …", "…, who …"). */
const NOT_A_GROUP = new Set(
  (
    'especially mostly mainly usually often typically primarily particularly including such like who whom whose which ' +
    'that with without in on at for from of to by near around across within both either not but so whether if when where ' +
    'their its his her them they those these other others also'
  ).split(' '),
);

/**
 * The groups of a founder's list, word for word: only for an explicit list
 * whose last item is joined by ", and", ", or", ", plus" or ", as well as",
 * where every item has at least two words, later items start in lower case
 * (so "Ohio, Indiana, and Michigan" is not taken for groups) and none starts
 * like a qualifier. Anything else (one description, a list of adjectives,
 * a note after a semicolon or colon) is not split.
 */
function groupsOf(text: string): string[] | undefined {
  const t = text.replace(/[.!]+$/, '');
  if (/[;:()[\]]|[.!?]\s/.test(t)) return undefined;
  const parts = t.split(/,\s+/);
  if (parts.length < 2 || parts.length > 6) return undefined;
  const m = /^(?:and|or|plus|as well as)\s+(.+)$/i.exec(parts.at(-1)!);
  if (!m) return undefined;
  parts[parts.length - 1] = m[1]!;
  for (const [i, part] of parts.entries()) {
    const words = part.trim().split(/\s+/);
    if (words.length < 2 || part.length > 120) return undefined;
    const first = words[0]!.toLowerCase();
    if (NOT_A_GROUP.has(first) || /^(and|or|plus)$/.test(first)) return undefined;
    if (i > 0 && !/^[\p{Ll}\p{N}]/u.test(part)) return undefined;
  }
  return parts.map((p) => upperFirst(p.trim()));
}

const PROPER = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december english spanish french italian german portuguese chinese japanese korean ' +
    'arabic hindi mexican american canadian british irish christian catholic jewish muslim latino latina black'
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

/**
 * A founder's fragment placed mid-sentence: the first word is lower-cased only
 * when it is an ordinary capitalised word ("Adults who…" → "adults who…");
 * never a day, month or nationality, an acronym, a name's possessive
 * ("Tacoma's"), the first word of the business name, or the start of a
 * capitalised name ("Federal Hill families").
 */
function inline(text: string, businessName: string): string {
  const s = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
  const m = /^(\p{Lu}\p{Ll}[\p{Ll}'’-]*)(.*)$/u.exec(s);
  if (!m) return s;
  const word = m[1]!;
  const rest = m[2]!;
  const lower = word.toLowerCase();
  if (rest && !/^[\s,;:]/.test(rest)) return s;
  if (/['’]s?$/.test(word) && !COMMON_POSSESSIVES.has(lower)) return s;
  if (/^\p{Lu}/u.test(rest.trim())) return s;
  const brand = businessName.trim().split(/\s+/)[0]?.toLowerCase();
  if (PROPER.has(lower) || lower === brand) return s;
  return lower + rest;
}
