import { z } from 'zod';
import { line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, upperFirst } from '../../generator/writers/grammar.ts';

/**
 * How to reach the business: only the contact facts the DNA holds (phone,
 * e-mail, where it is based, the area it serves, its hours), with tel: and
 * mailto: links. No form (static sites have no backend) and no map. Needs a
 * phone number or an e-mail address; without either the founder is asked.
 */
export default defineSection({
  type: 'contact',
  label: 'Contact',
  description:
    'Phone, e-mail, location, service area and hours as the founder gave them, with call and e-mail links.',
  schemaVersion: 1,
  placement: 'main',
  reads: [
    'business_name',
    'contact_email',
    'contact_phone',
    'location_city',
    'location_region',
    'location_country',
    'service_area',
    'business_hours',
  ],
  requires: [],
  whenMissing: 'needs_input',
  schema: z
    .strictObject({
      heading: line(80),
      intro: line(240).optional(),
      phone: z.strictObject({ display: line(80), href: linkHref.optional() }).optional(),
      email: z.strictObject({ display: line(254), href: linkHref }).optional(),
      /** "Providence, RI": city, region and (outside the US) country. */
      location: line(160).optional(),
      serviceArea: line(300).optional(),
      /** The founder's hours, one line per part ("Tuesday to Saturday 7am to 3pm"). */
      hours: z.array(line(300)).min(1).max(8).optional(),
    })
    .refine((c) => c.phone !== undefined || c.email !== undefined, {
      message: 'needs a phone number or an e-mail address',
    }),
  variants: ['card', 'split'],
  patterns: {
    heading: [
      'Contact',
      'Get in touch',
      'Contact {{business}}',
      'How to reach {{business}}',
      'Contact details',
    ],
    intro_both: [
      'Call or email {{business}}, whichever suits you.',
      'Reach {{business}} by phone or by email.',
      'Phone or email: both reach {{business}}.',
      'Pick up the phone or send an email; either way, tell us what you need.',
    ],
    intro_phone: [
      'The way to reach {{business}} is by phone.',
      'Give {{business}} a call.',
      'Call and tell us what you need.',
    ],
    intro_email: [
      'The way to reach {{business}} is by email.',
      'Send {{business}} an email.',
      'Email us with what you need.',
    ],
  },
  compose(ctx) {
    const phoneRaw = ctx.fact('contact_phone');
    const email = ctx.fact('contact_email');
    const phoneText = phoneRaw ? collapse(phoneRaw) : undefined;
    const phone =
      phoneText && phoneText.length <= 80 ? { display: phoneText, href: telHref(phoneText) } : undefined;
    if (!phone && !email) return { status: 'missing', missing: ['contact_phone', 'contact_email'] };

    const kind = phone && email ? 'both' : phone ? 'phone' : 'email';
    const area = ctx.fact('service_area');
    return {
      status: 'ok',
      content: {
        heading: ctx.text('heading', { max: 80 }) ?? 'Contact',
        intro: ctx.text(`intro_${kind}`, { max: 240 }),
        phone,
        email: email && email.length <= 254 ? { display: email, href: `mailto:${email}` } : undefined,
        location: place(ctx.fact('location_city'), ctx.fact('location_region'), ctx.fact('location_country')),
        serviceArea: area && collapse(area).length <= 300 ? upperFirst(collapse(area)) : undefined,
        hours: hoursLines(ctx.fact('business_hours')),
      },
    };
  },
});

const HOME_COUNTRY = /^(us|usa|u\.s\.a?\.?|united states( of america)?)$/i;

/** "Providence, RI" / "Toronto, ON, Canada": the founder's place names, country spelled out from an ISO code. */
function place(city?: string, region?: string, country?: string): string | undefined {
  const parts = [city, region].filter((p): p is string => !!p).map(collapse);
  if (country && !(HOME_COUNTRY.test(collapse(country)) && parts.length > 0))
    parts.push(countryName(collapse(country)));
  const out = parts.join(', ');
  return out && out.length <= 160 ? out : undefined;
}

function countryName(country: string): string {
  if (!/^[A-Z]{2}$/.test(country)) return country;
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

/** The founder's hours split at semicolons and line breaks, when that gives short lines; otherwise as one line. */
function hoursLines(hours?: string): string[] | undefined {
  if (!hours) return undefined;
  const parts = hours
    .split(/;|\n/)
    .map((p) => upperFirst(collapse(p)))
    .filter(Boolean);
  if (parts.length >= 1 && parts.length <= 8 && parts.every((p) => p.length <= 300)) return parts;
  const whole = collapse(hours);
  return whole.length <= 300 ? [whole] : undefined;
}

/** tel: link for a phone number as written; undefined when it is not a plain dialable number. */
function telHref(phone: string): string | undefined {
  const main = phone.split(/\s*(?:ext\.?|extension|x(?=\s*\d)|#|,|;|\bor\b|\/)\s*/i)[0] ?? '';
  if (/\p{L}/u.test(main)) return undefined;
  const digits = main.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return `tel:${main.trim().startsWith('+') ? '+' : ''}${digits}`;
}
