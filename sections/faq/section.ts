import { z } from 'zod';
import { line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, upperFirst } from '../../generator/catalog/grammar.ts';
import { fitLabel, telHref, upTo } from '../../generator/catalog/section-kit.ts';

/**
 * The founder's own questions and answers (`faqs`), in the founder's order and
 * words. No question is invented; with none the section is left out. A closing
 * line points to the founder's e-mail or phone when the DNA holds one.
 */
const MAX_ITEMS = 12;

export default defineSection({
  type: 'faq',
  label: 'Questions and answers',
  description: 'The questions the founder answered, as native disclosure widgets or a two-column list.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'faqs', 'primary_service', 'contact_email', 'contact_phone'],
  requires: ['faqs'],
  states: ['faqs'],
  whenMissing: 'omit',
  schema: z.strictObject({
    heading: line(80),
    intro: line(200).optional(),
    items: z
      .array(z.strictObject({ question: line(200), answer: line(1200) }))
      .min(1)
      .max(MAX_ITEMS),
    /** "Still have a question?" with a mailto: or tel: link. */
    ask: z.strictObject({ text: line(60), label: line(60), href: linkHref }).optional(),
  }),
  variants: ['list', 'columns'],
  patterns: {
    heading: [
      'Questions and answers',
      'Common questions',
      'Good to know',
      'Questions about {{business}}',
      'Your questions',
    ],
    intro: [
      'Answers to a few things worth knowing before you get in touch.',
      'Things people often ask about {{phrase primary_service}}.',
      'The questions that come up most, answered.',
      'If you are wondering about something, the answer may already be here.',
    ],
    ask_text: [
      'Still have a question?',
      'Didn’t find your answer?',
      'Something else on your mind?',
      'Another question?',
    ],
  },
  compose(ctx) {
    const faqs = ctx.fact('faqs');
    if (!faqs) return { status: 'missing', missing: ['faqs'] };

    const items = upTo(faqs, MAX_ITEMS, (f) => {
      const q = asQuestion(f.question);
      if (q.length > 200 || collapse(f.answer).length > 1200) return undefined; // never cut a founder's words
      // The founder's words, never refused for repeating (an answer may rightly say what a section says).
      const question = ctx.verbatim(q, { max: 200 });
      const answer = question ? ctx.verbatim(f.answer, { sentence: true, max: 1200 }) : undefined;
      return question && answer ? { question, answer } : undefined;
    });
    if (items.length === 0) return { status: 'missing', missing: ['faqs'] };

    return {
      status: 'ok',
      content: {
        heading: ctx.text('heading', { max: 80 }) ?? 'Good to know',
        intro: ctx.text('intro', { max: 200 }),
        items,
        ask: askLink(ctx.fact('contact_email'), ctx.fact('contact_phone'), ctx.text('ask_text', { max: 60 })),
      },
    };
  },
});

/** The founder's question with a capital and a question mark if it has no end punctuation. */
function asQuestion(raw: string): string {
  const q = upperFirst(collapse(raw));
  return /[?!.…]["”’)]?$/.test(q) ? q : `${q}?`;
}

function askLink(email: string | undefined, phone: string | undefined, text: string | undefined) {
  if (!text) return undefined;
  if (email) return { text, label: fitLabel(`Email ${email}`, 60, 'Send an email'), href: `mailto:${email}` };
  const tel = phone ? telHref(phone) : undefined;
  if (phone && tel) return { text, label: fitLabel(`Call ${collapse(phone)}`, 60, 'Call us'), href: tel };
  return undefined;
}
