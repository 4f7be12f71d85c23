import { z } from 'zod';
import { line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';

/**
 * What sets the business apart, in the founder's words: as points when the
 * founder already gave separate points (sentences, clauses separated by ";",
 * or an explicit "A, B, and C" list), otherwise as one statement. The
 * credentials the DNA records (licences, certifications, insurance) back it up.
 */
const MAX_STATEMENT = 480;
const MAX_POINT = 240;
const MAX_CREDENTIAL = 160;

export default defineSection({
  type: 'how_different',
  label: 'What makes us different',
  description: 'What sets the business apart, with the credentials that back it up.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'how_different', 'credentials'],
  requires: ['how_different'],
  whenMissing: 'needs_input',
  schema: z
    .strictObject({
      eyebrow: line(60).optional(),
      headline: line(80),
      /** The difference as one statement, when the founder did not give separate points. */
      statement: line(MAX_STATEMENT).optional(),
      /** The founder's own points, in order. */
      points: z.array(line(MAX_POINT)).min(2).max(6).optional(),
      credentialsHeading: line(60).optional(),
      credentials: z.array(line(MAX_CREDENTIAL)).min(1).max(6).optional(),
    })
    .refine((c) => Boolean(c.statement) !== Boolean(c.points), {
      message: 'give either a statement or points',
    })
    .refine((c) => !c.credentials || Boolean(c.credentialsHeading), {
      message: 'credentials need a heading',
    }),
  variants: ['list', 'band'],
  patterns: {
    eyebrow: ['What makes us different', 'Why {{business}}', 'The difference', 'Why choose us'],
    headline: [
      'What makes {{business}} different',
      'How we do it differently',
      'What you can count on',
      'Our approach',
      'What sets {{business}} apart',
    ],
    statement: ['{{sentence how_different}}'],
    point: ['{{sentence point}}'],
    credentialsHeading: ['Credentials', 'Our credentials', 'Credentials at a glance'],
    credential: ['{{title credential}}'],
  },
  compose(ctx) {
    const raw = ctx.fact('how_different');
    if (!raw) return { status: 'missing', missing: ['how_different'] };
    const text = clean(raw);

    let points: string[] | undefined;
    const split = pointsOf(text);
    if (split) {
      const written = split.map((point) => ctx.text('point', { data: { point }, max: MAX_POINT }));
      // All or nothing: a list with one of the founder's points missing would misquote them.
      if (written.every(Boolean)) points = written as string[];
    }
    const statement = points ? undefined : ctx.text('statement', { max: MAX_STATEMENT });
    // Too long to show whole, or already said on this page.
    if (!points && !statement) return { status: 'missing', missing: ['how_different'] };

    const credentials = (ctx.fact('credentials') ?? [])
      .map((c) => clean(c))
      .filter((c) => c.length <= MAX_CREDENTIAL)
      .map((credential) => ctx.text('credential', { data: { credential }, max: MAX_CREDENTIAL }))
      .filter((c): c is string => Boolean(c))
      .filter((c, i, all) => all.findIndex((o) => o.toLowerCase() === c.toLowerCase()) === i)
      .slice(0, 6);

    const headline = ctx.text('headline', { max: 80 }) ?? 'The difference';
    const eyebrow = ctx.text('eyebrow', { max: 60 });
    return {
      status: 'ok',
      content: {
        eyebrow: eyebrow && !echoes(eyebrow, headline) ? eyebrow : undefined,
        headline,
        statement,
        points,
        credentialsHeading: credentials.length
          ? (ctx.text('credentialsHeading', { max: 60 }) ?? 'Credentials')
          : undefined,
        credentials: credentials.length ? credentials : undefined,
      },
    };
  },
});

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

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

const QUALIFIER = new Set(
  (
    'especially mostly mainly usually often typically primarily particularly including such like who whom whose which ' +
    'that with without in on at for from of to by near around across within both either not but so whether if when where'
  ).split(' '),
);

/**
 * The founder's own points, word for word, when the text already separates
 * them: several sentences; clauses separated by semicolons; or an explicit
 * list of three or more items ending in ", and …" whose items each have two
 * words or more and do not start like a qualifier. Otherwise undefined (the
 * text stays one statement).
 */
function pointsOf(text: string): string[] | undefined {
  const ok = (parts: string[]) =>
    parts.length >= 2 &&
    parts.length <= 6 &&
    parts.every((p) => p.split(/\s+/).length >= 2 && p.length <= MAX_POINT - 1);
  const sentences = text
    .split(/(?<=[.!?])\s+(?=\p{Lu})/u)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length >= 2) return ok(sentences) ? sentences : undefined;
  const clauses = text
    .split(/\s*;\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (clauses.length >= 2) return ok(clauses) ? clauses.map(upperFirst) : undefined;
  if (/[:()]/.test(text)) return undefined;
  const items = text.replace(/[.!]+$/, '').split(/,\s+/);
  if (items.length < 3) return undefined;
  const last = /^and\s+(.+)$/i.exec(items.at(-1)!);
  if (!last) return undefined;
  items[items.length - 1] = last[1]!;
  for (const [i, item] of items.entries()) {
    const first = item.split(/\s+/)[0]!.toLowerCase();
    if (QUALIFIER.has(first) || first === 'and' || first === 'or') return undefined;
    if (i > 0 && !/^[\p{Ll}\p{N}]/u.test(item)) return undefined;
  }
  return ok(items) ? items.map(upperFirst) : undefined;
}

function upperFirst(s: string): string {
  const [first = '', ...rest] = Array.from(s);
  return first.toLocaleUpperCase('en') + rest.join('');
}
