import { z } from 'zod';
import { line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/writers/grammar.ts';

/**
 * One clear next step: call (tel:), or e-mail (mailto:), with a quieter second
 * way (e-mail, or the site's contact page). Left out when the DNA holds no phone
 * number or e-mail address, so it never points at nothing. The contact page is
 * only a secondary link: without a phone or e-mail the contact section cannot
 * be written, so the page may not exist.
 */
const action = z.strictObject({
  kind: z.enum(['phone', 'email', 'page']),
  label: line(48),
  href: linkHref,
});

export default defineSection({
  type: 'cta',
  label: 'Call to action',
  description:
    'A band or panel with one clear next step (call or e-mail) and, when there is one, a second way to get in touch.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'primary_service', 'who_serves', 'contact_phone', 'contact_email', 'site:pages'],
  requires: [],
  whenMissing: 'omit',
  schema: z.strictObject({
    heading: line(80),
    lede: line(240).optional(),
    primary: action,
    secondary: action.optional(),
  }),
  variants: ['band', 'panel'],
  patterns: {
    heading: [
      'Questions about {{phrase primary_service}}?',
      'Talk to {{business}}',
      'Get in touch with {{business}}',
      'Ready to talk?',
      'Let’s talk',
    ],
    lede_phone: [
      'Pick up the phone and tell {{business}} what you need.',
      'Give {{business}} a call to talk about {{phrase primary_service}}.',
      'For {{phrase audience}}: call {{business}} and talk it through.',
      'The next step is a phone call: tell us what you need.',
    ],
    lede_email: [
      'Send an email and tell {{business}} what you need.',
      'Write to {{business}} with a few lines about {{phrase primary_service}}.',
      'For {{phrase audience}}: email {{business}} and say what you need.',
      'The next step is a short email: tell us what you need.',
    ],
    page_label: ['All contact details', 'More ways to reach us', 'Contact page'],
  },
  compose(ctx) {
    const phone = ctx.fact('contact_phone');
    const email = ctx.fact('contact_email');
    const tel = phone ? telHref(phone) : undefined;
    if (!tel && !email) return { status: 'missing', missing: ['contact_phone', 'contact_email'] };

    const phoneAction =
      phone && tel
        ? { kind: 'phone' as const, label: labelOr(`Call ${collapse(phone)}`, 'Call us'), href: tel }
        : undefined;
    const emailAction = email
      ? { kind: 'email' as const, label: labelOr(`Email ${email}`, 'Send an email'), href: `mailto:${email}` }
      : undefined;
    const contactPage = ctx
      .pages()
      .find((p) => p.href !== '/' && /(^|\/)contact(-[a-z0-9-]+)?\/?$/.test(p.href));

    const primary = phoneAction ?? emailAction!;
    let secondary: z.input<typeof action> | undefined = phoneAction ? emailAction : undefined;
    if (!secondary && contactPage) {
      secondary = {
        kind: 'page',
        label: ctx.text('page_label', { max: 48 }) ?? 'Contact page',
        href: contactPage.href,
      };
    }

    const who = ctx.fact('who_serves');
    const audience = who ? firstClause(who) : undefined;
    return {
      status: 'ok',
      content: {
        heading: ctx.text('heading', { max: 80 }) ?? 'Let’s talk',
        lede: ctx.text(`lede_${primary.kind}`, { max: 240, data: audience ? { audience } : {} }),
        primary,
        secondary,
      },
    };
  },
});

function labelOr(label: string, fallback: string): string {
  return label.length <= 48 ? label : fallback;
}

/** The first clause of a founder's audience ("Anyone on Tacoma's Eastside who needs food; about …" → before the ";"). */
function firstClause(text: string): string | undefined {
  const first = collapse(text)
    .split(/;|\.\s|\s[–—]\s|:\s/)[0]
    ?.trim();
  return first && first.length <= 100 ? first : undefined;
}

/** tel: link for a phone number as written; undefined when it is not a plain dialable number. */
function telHref(phone: string): string | undefined {
  const main = phone.split(/\s*(?:ext\.?|extension|x(?=\s*\d)|#|,|;|\bor\b|\/)\s*/i)[0] ?? '';
  if (/\p{L}/u.test(main)) return undefined;
  const digits = main.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return `tel:${main.trim().startsWith('+') ? '+' : ''}${digits}`;
}
