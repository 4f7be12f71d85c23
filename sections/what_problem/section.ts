import { z } from 'zod';
import { headlineFields, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { headlineAndEyebrow, nounPhrase, wholeSentences } from '../../generator/catalog/section-kit.ts';

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
  states: ['what_problem'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    ...headlineFields,
    problem: line(MAX_PROBLEM),
    answerLabel: line(40).optional(),
    answer: line(240).optional(),
  }),
  variants: ['statement', 'split'],
  patterns: {
    // `name`: the business, given only when the headline does not already name it.
    eyebrow: ['The problem', 'Why {{name}} exists', 'Why we do this', 'What we kept seeing'],
    headline: [
      'Sound familiar?',
      'The problem we set out to solve',
      'Something had to change',
      'What goes wrong',
    ],
    // Labels and answers are worded apart, so a label never announces what its answer repeats.
    answerLabel: ['Our answer', 'How we help', 'Where we come in'],
    answer: [
      'That’s why {{business}} offers {{service_np}}.',
      '{{business}} is here to change that, with {{service_np}}.',
      'What {{business}} does about it: {{service}}.',
      'Here is what we do about it: {{service}}.',
    ],
  },
  compose(ctx) {
    const raw = ctx.fact('what_problem');
    if (!raw) return { status: 'missing', missing: ['what_problem'] };
    const fitted = wholeSentences(raw, MAX_PROBLEM);
    const problem = fitted ? ctx.verbatim(fitted, { sentence: true, max: MAX_PROBLEM }) : undefined;
    // Too long to show without cutting a sentence.
    if (!problem) return { status: 'missing', missing: ['what_problem'] };

    const primary = ctx.fact('primary_service');
    const service = primary ? ctx.phrase(primary) : undefined;
    const np = service ? nounPhrase(service) : undefined;
    const answer = service
      ? ctx.text('answer', { data: np ? { service, service_np: np } : { service }, max: 240 })
      : undefined;

    const { headline, eyebrow } = headlineAndEyebrow(ctx, 'The problem');
    return {
      status: 'ok',
      content: {
        eyebrow,
        headline,
        problem,
        answerLabel: answer ? ctx.text('answerLabel', { max: 40 }) : undefined,
        answer,
      },
    };
  },
});
