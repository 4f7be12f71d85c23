import { z } from 'zod';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { imageRef, line } from '../../generator/catalog/content-schema.ts';

export default defineSection({
  type: 'hero',
  label: 'Hero',
  description: 'The first thing a visitor sees: who the business is, what it does, for whom, and the next step.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'tagline', 'primary_service', 'who_serves', 'what_problem', 'location_city', 'service_area', 'contact_phone', 'contact_email', 'media:photo'],
  requires: ['business_name', 'primary_service'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    eyebrow: line(60).optional(),
    headline: line(90),
    lede: line(260).optional(),
    cta: z.strictObject({ label: line(32), href: z.string().regex(/^(\/[a-z0-9/-]*|tel:\+?[0-9]+|mailto:[^\s]+)$/) }).optional(),
    image: imageRef.optional(),
  }),
  variants: ['split', 'centered', 'banner'],
  patterns: {
    eyebrow: ['{{title primary_service}}', '{{business}}', 'Serving {{service_area}}', 'Based in {{location_city}}'],
    headline: [
      '{{title tagline}}',
      '{{title primary_service}} for {{phrase who_serves}}',
      '{{business}}: {{phrase primary_service}}',
      '{{title primary_service}}, done properly',
    ],
    lede: [
      '{{business}} offers {{phrase primary_service}} for {{phrase who_serves}}.',
      'We provide {{phrase primary_service}} for {{phrase who_serves}}.',
      'For {{phrase who_serves}}: {{phrase primary_service}} from {{business}}.',
    ],
  },
  compose(ctx) {
    const headline = ctx.text('headline', { max: 90 });
    if (!headline) return { status: 'missing', missing: ['tagline', 'primary_service'] };
    const phone = ctx.fact('contact_phone');
    const email = ctx.fact('contact_email');
    const photo = ctx.media('photo')[0];
    return {
      status: 'ok',
      content: {
        eyebrow: ctx.text('eyebrow', { max: 60 }),
        headline,
        lede: ctx.text('lede', { max: 260 }),
        cta: phone
          ? { label: `Call ${phone}`.slice(0, 32), href: `tel:${phone.replace(/[^0-9+]/g, '')}` }
          : email
            ? { label: 'Email us', href: `mailto:${email}` }
            : undefined,
        image: photo && photo.alt ? { asset: photo.asset, alt: photo.alt } : undefined,
      },
    };
  },
});
