import { z } from 'zod';
import { line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, upperFirst } from '../../generator/catalog/grammar.ts';
import { hourLines, placeName, telHref, unlessSaid } from '../../generator/catalog/section-kit.ts';

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
    // `name`: the business, given only when the heading does not already name it.
    intro_both: [
      'Call or email {{name}}, whichever suits you.',
      'Reach {{name}} by phone or by email.',
      'Call or email, whichever suits you.',
      'Pick up the phone or send an email; either way, tell us what you need.',
    ],
    intro_phone: [
      'Reach {{name}} by phone.',
      'Give {{name}} a call.',
      'Call and tell us what you need.',
      'Give us a call and tell us what you need.',
    ],
    intro_email: [
      'Reach {{name}} by email.',
      'Send {{name}} an email.',
      'Email us with what you need.',
      'Send us an email and tell us what you need.',
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
    const hours = ctx.fact('business_hours');
    const heading = ctx.text('heading', { max: 80 }) ?? 'Contact';
    return {
      status: 'ok',
      content: {
        heading,
        intro: ctx.text(`intro_${kind}`, { max: 240, data: unlessSaid(heading, ctx.businessName) }),
        phone,
        email: email && email.length <= 254 ? { display: email, href: `mailto:${email}` } : undefined,
        location: place(ctx.fact('location_city'), ctx.fact('location_region'), ctx.fact('location_country')),
        serviceArea: area && collapse(area).length <= 300 ? upperFirst(collapse(area)) : undefined,
        hours: hours ? hourLines(hours, 300, 8) : undefined,
      },
    };
  },
});

const HOME_COUNTRY = /^(us|usa|u\.s\.a?\.?|united states( of america)?)$/i;

/** "Providence, RI" / "Toronto, ON, Canada": the founder's place names, country spelled out from an ISO code. */
function place(city?: string, region?: string, country?: string): string | undefined {
  const local = placeName(city, region);
  const abroad =
    country && !(HOME_COUNTRY.test(collapse(country)) && local) ? countryName(collapse(country)) : undefined;
  const out = placeName(local, abroad);
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
