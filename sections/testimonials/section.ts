import { z } from 'zod';
import { line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/catalog/grammar.ts';
import { upTo } from '../../generator/catalog/section-kit.ts';

/**
 * What customers said, exactly as the founder supplied it (`testimonials`):
 * the quote word for word, the author as given, and the context when there is
 * one. Nothing is paraphrased, shortened or invented; with none the section is
 * left out. A quote too long for the layout is skipped, never cut.
 */
const MAX_ITEMS = 9;

export default defineSection({
  type: 'testimonials',
  label: 'Testimonials',
  description:
    'Quotes from customers the founder supplied, with their authors, as a set of quotes or one featured quote.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'testimonials'],
  requires: ['testimonials'],
  states: ['testimonials'],
  whenMissing: 'omit',
  schema: z.strictObject({
    heading: line(80),
    items: z
      .array(z.strictObject({ quote: line(600), author: line(100), context: line(140).optional() }))
      .min(1)
      .max(MAX_ITEMS),
  }),
  variants: ['quotes', 'single'],
  patterns: {
    heading: [
      'In their own words',
      'What people say',
      'Kind words',
      'What people say about {{business}}',
      'In their words',
    ],
  },
  compose(ctx) {
    const testimonials = ctx.fact('testimonials');
    if (!testimonials) return { status: 'missing', missing: ['testimonials'] };
    const items = upTo(testimonials, MAX_ITEMS, (t) => {
      const author = collapse(t.author);
      const context = t.context ? collapse(t.context) : undefined;
      if (author.length > 100) return undefined;
      const quote = ctx.verbatim(t.quote, { max: 600 });
      if (!quote) return undefined;
      return { quote, author, context: context && context.length <= 140 ? context : undefined };
    });
    if (items.length === 0) return { status: 'missing', missing: ['testimonials'] };
    return {
      status: 'ok',
      content: { heading: ctx.text('heading', { max: 80 }) ?? 'Kind words', items },
    };
  },
});
