import { z } from 'zod';
import { decorativeImageRef, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, title } from '../../generator/catalog/grammar.ts';
import {
  fitLabel,
  forSlot,
  nounPhrase,
  sharesWord,
  telHref,
  unlessSaid,
} from '../../generator/catalog/section-kit.ts';
import { plainWords } from '../../generator/words.ts';

/**
 * The first thing a visitor sees: who the business is, what it does and for
 * whom, the next step (call or e-mail) and a photo. Every word comes from the
 * founder's name, tagline, service, audience and city. When a later section on
 * the same page states who the business serves ("Who we serve"), the hero
 * leaves the audience to it, so the page does not say it twice.
 *
 * It needs only the business name: with nothing else known, the name is the
 * headline and whatever else the DNA holds (a place, an audience, a tagline, a
 * number to call) is said under it; the main service is `wants`ed, so the
 * founder is told the page needs it. Nothing stands in for a missing fact.
 *
 * The photo is a wide one (landscape or square, never portrait: the hero is a
 * band): the first the founder described, with the description as alt text,
 * else the first without one, shown as decoration (alt="").
 */
const MAX_COPY = 90;
const MAX_NAME = 120;

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
    'location_city',
    'industry_category',
    'contact_phone',
    'contact_email',
    'media:photo',
  ],
  requires: ['business_name'],
  wants: ['primary_service'],
  states: ['primary_service'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    eyebrow: line(60).optional(),
    // Our copy stays within 90 characters; a long business name as the headline may reach 120.
    headline: line(MAX_NAME),
    lede: line(260).optional(),
    cta: z
      .strictObject({
        label: line(32),
        href: z.string().regex(/^(\/[a-z0-9/-]*|tel:\+?[0-9]+|mailto:[^\s]+)$/),
      })
      .optional(),
    image: decorativeImageRef.optional(),
  }),
  variants: ['split', 'centered', 'banner'],
  patterns: {
    eyebrow: [
      '{{business}}',
      'Based in {{location_city}}',
      '{{title primary_service}}',
      '{{business}} · {{location_city}}',
    ],
    // Only above the business's own name as the headline (no tagline, no service): what kind of business it is.
    eyebrow_kind: ['{{title industry_category}}'],
    headline: [
      '{{title tagline}}',
      '{{title primary_service}} for {{phrase who_serves}}',
      '{{title primary_service}} in {{location_city}}',
      // `name`: the business, only when its name and the service share no word ("Dale's Plumbing: plumbing repairs").
      '{{name}}: {{phrase primary_service}}',
      '{{title primary_service}}',
    ],
    // Ledes never repeat what the headline already says. They use only the data compose allows:
    // `service` (any service: it ends the sentence), `service_np` (a noun phrase without commas: it
    // can sit mid-sentence), `audience`, `name` (the business) and `city`.
    lede: [
      '{{name}} offers {{service_np}} for {{audience}}.',
      'We provide {{service_np}} for {{audience}}.',
      'For {{audience}}: {{service_np}} from {{name}}.',
      'For {{audience}}: {{service}}.',
    ],
    lede_audience: [
      'Serving {{audience}}.',
      'For {{audience}}.',
      '{{name}} works with {{audience}}.',
      'Working with {{audience}}.',
    ],
    lede_service: [
      '{{name}} offers {{service_np}}.',
      'We provide {{service_np}} in {{city}}.',
      'What {{name}} does: {{service}}.',
      'What we do: {{service}}.',
    ],
    lede_place: ['{{name}} is based in {{city}}.', 'Based in {{city}}.'],
  },
  compose(ctx) {
    const service = ctx.fact('primary_service') ?? '';
    // The audience left to a later section of this page; the headline then also leaves the city
    // to the lede, which would otherwise have nothing the headline does not already say.
    const audienceLater = ctx.statedOnPage('who_serves', 'after');
    const headline =
      ctx.text('headline', {
        max: MAX_COPY,
        data: {
          ...(sharesWord(ctx.businessName, service) ? {} : { name: ctx.businessName }),
          ...(audienceLater ? { who_serves: undefined, location_city: undefined } : {}),
        },
      }) ??
      // Every wording of ours already on the site (copy kept from an earlier run): the founder's service as given.
      (service ? ctx.verbatim(title(service), { max: MAX_COPY }) : undefined) ??
      // Neither a tagline nor a service: the business's own name heads the page.
      ctx.verbatim(collapse(ctx.fact('business_name') ?? ctx.businessName), { max: MAX_NAME });
    if (!headline) return { status: 'missing', missing: ['business_name'] };

    // What the headline already says (the service, the audience, the business, the city) the lede leaves out.
    const said = words(headline);
    const fresh = (text: string | undefined) =>
      text && !said.includes(words(ctx.phrase(text))) ? text : undefined;
    const primary = fresh(ctx.fact('primary_service'));
    const who = audienceLater ? undefined : fresh(ctx.fact('who_serves'));
    const city = fresh(ctx.fact('location_city'));
    const data: Record<string, string> = { ...unlessSaid(headline, ctx.businessName) };
    if (primary) {
      data.service = ctx.phrase(primary);
      if (nounPhrase(primary) && !primary.includes(',')) data.service_np = data.service;
    }
    if (who) data.audience = ctx.phrase(who);
    if (city && !words(who ?? '').includes(words(city))) data.city = collapse(city);
    // The richest lede the data allows: service and audience, then either, then the founder's tagline
    // (when the headline is not already the tagline), then where the business is.
    let lede: string | undefined;
    for (const key of ['lede', 'lede_audience', 'lede_service']) lede ??= ctx.text(key, { data, max: 260 });
    if (!lede) {
      const tagline = fresh(ctx.fact('tagline'));
      if (tagline) lede = ctx.verbatim(tagline, { sentence: true, max: 260 });
    }
    lede ??= ctx.text('lede_place', { data, max: 260 });

    // An eyebrow that only repeats the headline or the lede adds nothing. Above the bare name, the
    // kind of business (its industry as the founder gave it) comes first.
    const named = !ctx.fact('tagline') && !service;
    const eyebrow =
      (named ? ctx.text('eyebrow_kind', { max: 60 }) : undefined) ?? ctx.text('eyebrow', { max: 60 });
    const repeats = (s: string) => `${headline} ${lede ?? ''}`.toLowerCase().includes(s.toLowerCase());

    const phone = ctx.fact('contact_phone');
    const email = ctx.fact('contact_email');
    const tel = phone ? telHref(phone) : undefined;
    const call =
      phone && tel ? { label: fitLabel(`Call ${collapse(phone)}`, 32, 'Call us'), href: tel } : undefined;
    // A wide photo: the first the founder described (the description is its alt text; never invented),
    // else the first without a description, as decoration.
    const wide = forSlot(ctx.media('photo'), 'wide');
    const photo = wide.find((m) => m.alt !== null && m.alt.length <= 200) ?? wide.find((m) => m.alt === null);
    return {
      status: 'ok',
      content: {
        eyebrow: eyebrow && !repeats(eyebrow) ? eyebrow : undefined,
        headline,
        lede,
        cta: call ?? (email ? { label: 'Email us', href: `mailto:${email}` } : undefined),
        image: photo ? { asset: photo.asset, alt: photo.alt ?? '' } : undefined,
      },
    };
  },
});

/** Lower-case words of a text, space-separated, for "does the headline already say this?". */
function words(text: string): string {
  return ` ${plainWords(text)} `;
}
