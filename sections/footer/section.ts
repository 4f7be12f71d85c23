import { z } from 'zod';
import { line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';

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
    const name = (ctx.fact('business_name') ?? ctx.businessName).replace(/\s+/g, ' ').trim();
    if (!name || name.length > MAX_NAME) return { status: 'missing', missing: ['business_name'] };

    const nav = ctx
      .pages()
      .map((p) => ({ href: p.href, label: clean(p.label) }))
      .filter((p) => linkHref.safeParse(p.href).success && p.label.length > 0 && p.label.length <= 24)
      .slice(0, 8);

    const rawPhone = ctx.fact('contact_phone');
    const phoneText = rawPhone ? clean(rawPhone) : '';
    const phone =
      phoneText && phoneText.length <= 40 ? { label: phoneText, href: telHref(phoneText) } : undefined;

    const rawEmail = ctx.fact('contact_email');
    const email =
      rawEmail && rawEmail.length <= 254 ? { label: rawEmail, href: `mailto:${rawEmail}` } : undefined;

    const city = ctx.fact('location_city');
    const region = ctx.fact('location_region');
    const placeText = [city, region]
      .filter(Boolean)
      .map((s) => clean(s!))
      .join(', ');
    const place = placeText && placeText.length <= 120 ? placeText : undefined;

    const areaText = ctx.fact('service_area');
    const area =
      areaText && clean(areaText).length <= 200 ? upperFirst(dropStop(clean(areaText))) : undefined;

    const hoursText = ctx.fact('business_hours');
    const hours = hoursText ? hourLines(hoursText) : undefined;

    return {
      status: 'ok',
      content: { name, nav, phone, email, place, area, hours, copyright: `© ${name}` },
    };
  },
});

/** Drops a closing "." or ";" but keeps the dot of an abbreviation such as "p.m.". */
function dropStop(s: string): string {
  if (/\b\p{L}\.\p{L}\.$/u.test(s)) return s;
  return s.replace(/[.;,]+$/, '');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function upperFirst(s: string): string {
  const [first = '', ...rest] = Array.from(s);
  return first.toLocaleUpperCase('en') + rest.join('');
}

/** `tel:` link for a single dialable number; undefined when the text is not one (it is then shown unlinked). */
function telHref(label: string): string | undefined {
  if (!/^\+?[0-9\s().-]+$/.test(label)) return undefined;
  const digits = label.replace(/[^0-9]/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return `tel:${label.startsWith('+') ? '+' : ''}${digits}`;
}

/**
 * Opening hours split where the founder already separated them (";" or the end
 * of a sentence), so each part reads as one line. Words are never changed: only
 * the first letter of a part is capitalised and its closing full stop dropped.
 * If the parts do not fit, the whole text is shown as one line, or not at all.
 */
function hourLines(text: string): string[] | undefined {
  const whole = clean(text);
  const parts = whole
    .split(/;\s*|(?<=[a-z0-9)]\.)\s+(?=\p{Lu})/u)
    .map((p) => upperFirst(dropStop(p.trim())))
    .filter(Boolean);
  if (parts.length >= 1 && parts.length <= 6 && parts.every((p) => p.length <= 160)) return parts;
  return whole.length <= 160 ? [whole] : undefined;
}
