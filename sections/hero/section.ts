import { z } from 'zod';
import { imageRef, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/writers/grammar.ts';

export default defineSection({
  type: 'hero',
  label: 'Hero',
  description:
    'The first thing a visitor sees: who the business is, what it does, for whom, and the next step.',
  schemaVersion: 1,
  placement: 'main',
  reads: [
    'business_name',
    'tagline',
    'primary_service',
    'who_serves',
    'what_problem',
    'location_city',
    'service_area',
    'contact_phone',
    'contact_email',
    'media:photo',
  ],
  requires: ['business_name', 'primary_service'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    eyebrow: line(60).optional(),
    headline: line(90),
    lede: line(260).optional(),
    cta: z
      .strictObject({
        label: line(32),
        href: z.string().regex(/^(\/[a-z0-9/-]*|tel:\+?[0-9]+|mailto:[^\s]+)$/),
      })
      .optional(),
    image: imageRef.optional(),
  }),
  variants: ['split', 'centered', 'banner'],
  patterns: {
    eyebrow: [
      '{{business}}',
      'Based in {{location_city}}',
      '{{title primary_service}}',
      '{{business}} · {{location_city}}',
    ],
    headline: [
      '{{title tagline}}',
      '{{title primary_service}} for {{phrase who_serves}}',
      '{{title primary_service}} in {{location_city}}',
      '{{business}}: {{phrase primary_service}}',
      '{{title primary_service}}',
    ],
    lede: [
      '{{business}} offers {{phrase primary_service}} for {{phrase who_serves}}.',
      'We provide {{phrase primary_service}} for {{phrase who_serves}}.',
      'For {{phrase who_serves}}: {{phrase primary_service}} from {{business}}.',
      '{{title primary_service}} from {{business}}, based in {{location_city}}.',
    ],
    // When the service itself contains a comma, it must end the sentence or the sentence misreads.
    lede_service_last: [
      'For {{phrase who_serves}}, {{business}} offers {{phrase primary_service}}.',
      'What {{business}} offers: {{phrase primary_service}}.',
      '{{business}} offers {{phrase primary_service}}.',
    ],
  },
  compose(ctx) {
    const headline = ctx.text('headline', { max: 90 });
    if (!headline) return { status: 'missing', missing: ['tagline', 'primary_service'] };
    const lede = ctx.text(/,/.test(ctx.fact('primary_service') ?? '') ? 'lede_service_last' : 'lede', {
      max: 260,
    });
    const eyebrow = ctx.text('eyebrow', { max: 60 });
    // An eyebrow that only repeats the headline or the lede adds nothing.
    const repeats = (s: string) => `${headline} ${lede ?? ''}`.toLowerCase().includes(s.toLowerCase());
    const phone = ctx.fact('contact_phone');
    const email = ctx.fact('contact_email');
    const tel = phone ? telHref(phone) : undefined;
    // The first photo the founder described (the description is its alt text; never invented).
    const photo = ctx.media('photo').find((m) => m.alt !== null && m.alt.length <= 200);
    const callLabel = phone ? `Call ${collapse(phone)}` : '';
    return {
      status: 'ok',
      content: {
        eyebrow: eyebrow && !repeats(eyebrow) ? eyebrow : undefined,
        headline,
        lede,
        cta: tel
          ? { label: callLabel.length <= 32 ? callLabel : 'Call us', href: tel }
          : email
            ? { label: 'Email us', href: `mailto:${email}` }
            : undefined,
        image: photo?.alt ? { asset: photo.asset, alt: photo.alt } : undefined,
      },
    };
  },
});

/** tel: link for a phone number as written; undefined when it is not a plain dialable number. */
function telHref(phone: string): string | undefined {
  const main = phone.split(/\s*(?:ext\.?|extension|x(?=\s*\d)|#|,|;|\bor\b|\/)\s*/i)[0] ?? '';
  if (/\p{L}/u.test(main)) return undefined;
  const digits = main.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return `tel:${main.trim().startsWith('+') ? '+' : ''}${digits}`;
}
