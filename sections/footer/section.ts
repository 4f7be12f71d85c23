import { z } from 'zod';
import { line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, upperFirst } from '../../generator/catalog/grammar.ts';
import { dropStop, hourLines, navLinks, placeName, telHref } from '../../generator/catalog/section-kit.ts';

/**
 * The site footer on every page: the business name, the facts a visitor looks
 * for at the bottom of a page (phone, e-mail, where, area served, hours) — only
 * those the DNA holds — the page links and "© {business}" (no year: the DNA
 * does not say which year the copy is for).
 */
const MAX_NAME = 120;

export default defineSection({
  type: 'footer',
  label: 'Footer',
  description:
    'Business name, contact details, location, area served, opening hours and page links, as far as the DNA holds them.',
  schemaVersion: 1,
  placement: 'footer',
  reads: [
    'business_name',
    'site:pages',
    'contact_email',
    'contact_phone',
    'location_city',
    'location_region',
    'service_area',
    'business_hours',
  ],
  requires: ['business_name'],
  whenMissing: 'omit',
  schema: z.strictObject({
    name: line(MAX_NAME),
    nav: z.array(z.strictObject({ href: linkHref, label: line(24) })).max(8),
    phone: z
      .strictObject({
        label: line(40),
        href: z
          .string()
          .regex(/^tel:\+?[0-9]{7,15}$/)
          .optional(),
      })
      .optional(),
    email: z.strictObject({ label: line(254), href: linkHref }).optional(),
    place: line(120).optional(),
    area: line(200).optional(),
    /** Opening hours as the founder gave them, one line per part ("Sunday 8am to 1pm"). */
    hours: z.array(line(160)).min(1).max(6).optional(),
    copyright: line(MAX_NAME + 2),
  }),
  variants: ['columns', 'simple'],
  // The footer shows facts as labelled data; it writes no copy of its own.
  patterns: {},
  compose(ctx) {
    const name = collapse(ctx.fact('business_name') ?? ctx.businessName);
    if (!name || name.length > MAX_NAME) return { status: 'missing', missing: ['business_name'] };

    const nav = navLinks(ctx);

    const rawPhone = ctx.fact('contact_phone');
    const phoneText = rawPhone ? collapse(rawPhone) : '';
    const phone =
      phoneText && phoneText.length <= 40 ? { label: phoneText, href: telHref(phoneText) } : undefined;

    const rawEmail = ctx.fact('contact_email');
    const email =
      rawEmail && rawEmail.length <= 254 ? { label: rawEmail, href: `mailto:${rawEmail}` } : undefined;

    const placeText = placeName(ctx.fact('location_city'), ctx.fact('location_region'));
    const place = placeText && placeText.length <= 120 ? placeText : undefined;

    const areaText = ctx.fact('service_area');
    const area =
      areaText && collapse(areaText).length <= 200 ? upperFirst(dropStop(collapse(areaText))) : undefined;

    const hoursText = ctx.fact('business_hours');
    // Opening hours as the founder separated them, one line a part.
    const hours = hoursText ? hourLines(hoursText, 160, 6) : undefined;

    return {
      status: 'ok',
      content: { name, nav, phone, email, place, area, hours, copyright: `© ${name}` },
    };
  },
});
