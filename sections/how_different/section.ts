import { z } from 'zod';
import { headlineFields, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, upperFirst } from '../../generator/catalog/grammar.ts';
import { headlineAndEyebrow, listedItems } from '../../generator/catalog/section-kit.ts';

/**
 * What sets the business apart, in the founder's words: as points when the
 * founder already gave separate points (sentences, clauses separated by ";",
 * or an explicit "A, B, and C" list), otherwise as one statement. Credentials
 * have their own section (`credentials`), so they are not repeated here.
 */
const MAX_STATEMENT = 480;
const MAX_POINT = 240;

export default defineSection({
  type: 'how_different',
  label: 'What makes us different',
  description: 'What sets the business apart, in the founder’s words, as one statement or as points.',
  schemaVersion: 2,
  placement: 'main',
  reads: ['business_name', 'how_different'],
  requires: ['how_different'],
  states: ['how_different'],
  whenMissing: 'needs_input',
  schema: z
    .strictObject({
      ...headlineFields,
      /** The difference as one statement, when the founder did not give separate points. */
      statement: line(MAX_STATEMENT).optional(),
      /** The founder's own points, in order. */
      points: z.array(line(MAX_POINT)).min(2).max(6).optional(),
    })
    .refine((c) => Boolean(c.statement) !== Boolean(c.points), {
      message: 'give either a statement or points',
    }),
  variants: ['list', 'band'],
  patterns: {
    // `name`: the business, given only when the headline does not already name it.
    eyebrow: ['What makes us different', 'Why {{name}}', 'The difference', 'Why choose us'],
    headline: [
      'What makes {{business}} different',
      'How we do it differently',
      'What you can count on',
      'Our approach',
      'What sets {{business}} apart',
    ],
  },
  compose(ctx) {
    const raw = ctx.fact('how_different');
    if (!raw) return { status: 'missing', missing: ['how_different'] };
    const text = collapse(raw);

    let points: string[] | undefined;
    const split = pointsOf(text);
    if (split) {
      const written = split.map((point) => ctx.verbatim(point, { sentence: true, max: MAX_POINT }));
      // All or nothing: a list with one of the founder's points missing would misquote them.
      if (written.every(Boolean)) points = written as string[];
    }
    const statement = points ? undefined : ctx.verbatim(text, { sentence: true, max: MAX_STATEMENT });
    // Too long to show whole.
    if (!points && !statement) return { status: 'missing', missing: ['how_different'] };

    const { headline, eyebrow } = headlineAndEyebrow(ctx, 'The difference');
    return {
      status: 'ok',
      content: {
        eyebrow,
        headline,
        statement,
        points,
      },
    };
  },
});

/**
 * The founder's own points, word for word, when the text already separates
 * them: several sentences; clauses separated by semicolons; or an explicit
 * list of three or more items ending in ", and …" (see `listedItems`).
 * Otherwise undefined (the text stays one statement).
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
  return listedItems(text, { joiners: ['and'], min: 3, max: 6, maxLength: MAX_POINT - 1 });
}
