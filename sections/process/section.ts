import { z } from 'zod';
import { headlineFields, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, title } from '../../generator/catalog/grammar.ts';
import { headlineAndEyebrow } from '../../generator/catalog/section-kit.ts';

/**
 * How working with the business goes, step by step: only the steps the founder
 * gave (`process_steps`), in their order. No steps, or a single one, and the
 * section is left out; steps are never invented or dropped.
 */
const MAX_TITLE = 120;
const MAX_TEXT = 300;
const NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

export default defineSection({
  type: 'process',
  label: 'How it works',
  description: 'The founder’s own steps for working with the business, in order.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'process_steps'],
  requires: ['process_steps'],
  states: ['process_steps'],
  whenMissing: 'omit',
  schema: z.strictObject({
    ...headlineFields,
    intro: line(200).optional(),
    steps: z
      .array(z.strictObject({ title: line(MAX_TITLE), text: line(MAX_TEXT).optional() }))
      .min(2)
      .max(8),
  }),
  variants: ['steps', 'timeline'],
  patterns: {
    // `name`: the business, given only when the headline does not already name it.
    eyebrow: ['How it works', 'The process', 'Step by step', 'Working with {{name}}'],
    headline: [
      'How it works',
      'What to expect',
      'What happens, step by step',
      'Working with {{business}}',
      'The process',
    ],
    intro: [
      '{{title count}} steps, from start to finish.',
      'It takes {{count}} steps.',
      'From first to last, in {{count}} steps.',
    ],
  },
  compose(ctx) {
    const raw = ctx.fact('process_steps');
    if (!raw || raw.length < 2) return { status: 'missing', missing: ['process_steps'] };
    const given = raw
      .slice(0, 8)
      .map((s) => ({ title: title(s.title), text: s.description ? collapse(s.description) : '' }));
    // A step we cannot show whole would leave a gap in the founder's process: leave the section out instead.
    if (given.some((s) => !s.title || s.title.length > MAX_TITLE))
      return { status: 'missing', missing: ['process_steps'] };

    const steps = given.map((s) => ({
      title: s.title,
      text:
        s.text && s.text.length <= MAX_TEXT
          ? ctx.verbatim(s.text, { sentence: true, max: MAX_TEXT })
          : undefined,
    }));
    const { headline, eyebrow } = headlineAndEyebrow(ctx, 'How it works');
    return {
      status: 'ok',
      content: {
        eyebrow,
        headline,
        intro: ctx.text('intro', { data: { count: NUMBERS[steps.length - 2] }, max: 200 }),
        steps,
      },
    };
  },
});
