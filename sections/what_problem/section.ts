import { z } from 'zod';
import { line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';

/**
 * The problem the business exists to solve, in the founder's own words, and
 * the business's answer to it (its primary service). Nothing else is claimed.
 */
const MAX_PROBLEM = 480;

export default defineSection({
  type: 'what_problem',
  label: 'The problem',
  description:
    'The problem the business solves, in the founder’s words, followed by what the business does about it.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'what_problem', 'primary_service'],
  requires: ['what_problem'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    eyebrow: line(60).optional(),
    headline: line(80),
    problem: line(MAX_PROBLEM),
    answerLabel: line(40).optional(),
    answer: line(240).optional(),
  }),
  variants: ['statement', 'split'],
  patterns: {
    eyebrow: ['The problem', 'Why {{business}} exists', 'Why we do this', 'What we kept seeing'],
    headline: [
      'Sound familiar?',
      'The problem we set out to solve',
      'Something had to change',
      'Where things go wrong',
    ],
    problem: ['{{sentence problem_text}}'],
    answerLabel: ['What we do about it', 'Our answer', 'How we help', 'Where we come in'],
    answer: [
      'That’s why {{business}} offers {{service_np}}.',
      '{{business}} is here to change that, with {{service_np}}.',
      'What {{business}} does about it: {{service}}.',
      'So that’s what we do: {{service}}.',
    ],
  },
  compose(ctx) {
    const raw = ctx.fact('what_problem');
    if (!raw) return { status: 'missing', missing: ['what_problem'] };
    const fitted = wholeSentences(raw, MAX_PROBLEM);
    const problem = fitted
      ? ctx.text('problem', { data: { problem_text: fitted }, max: MAX_PROBLEM })
      : undefined;
    // Too long to show without cutting a sentence, or already said on this page.
    if (!problem) return { status: 'missing', missing: ['what_problem'] };

    const primary = ctx.fact('primary_service');
    const service = primary ? inline(primary, ctx.businessName) : undefined;
    const np = service ? nounPhrase(service) : undefined;
    const answer = service
      ? ctx.text('answer', { data: np ? { service, service_np: np } : { service }, max: 240 })
      : undefined;

    const headline = ctx.text('headline', { max: 80 }) ?? 'The problem';
    const eyebrow = ctx.text('eyebrow', { max: 60 });
    return {
      status: 'ok',
      content: {
        eyebrow: eyebrow && !echoes(eyebrow, headline) ? eyebrow : undefined,
        headline,
        problem,
        answerLabel: answer ? ctx.text('answerLabel', { max: 40 }) : undefined,
        answer,
      },
    };
  },
});

/** True when one label repeats the other ("The problem" / "The problem we set out to solve"). */
function echoes(a: string, b: string): boolean {
  const n = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const [x, y] = [n(a), n(b)];
  const firstTwo = (s: string) => s.split(' ').slice(0, 2).join(' ');
  return x.includes(y) || y.includes(x) || firstTwo(x) === firstTwo(y);
}

/** The text, or as many of its first whole sentences as fit in `max`; undefined if not even one fits. */
function wholeSentences(text: string, max: number): string | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let out = '';
  for (const s of t.split(/(?<=[.!?…])\s+(?=["“‘(]?\p{Lu})/u)) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > max) break;
    out = next;
  }
  return out || undefined;
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
 * when it is an ordinary capitalised word ("Bread and pastries" → "bread and
 * pastries"); never a word of the business name, a day, month or nationality,
 * an acronym, a name's possessive ("Rosa's"), the first word of the business
 * name, or the start of a capitalised name ("Federal Hill bakers").
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
function nounPhrase(service: string): string | undefined {
  const first = (service.split(/\s+/)[0] ?? '').toLowerCase().replace(/[^\p{L}-]/gu, '');
  return /ing$/.test(first) && !ING_NOUNS.has(first) ? undefined : service;
}
