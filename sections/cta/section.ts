import { z } from 'zod';
import { line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/catalog/grammar.ts';
import { fitLabel, telHref, unlessSaid } from '../../generator/catalog/section-kit.ts';

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
  // `who_serves` is for the AI writer's lede (see prompt.hbs); the offline ledes leave the audience to
  // the hero and who_serves sections, so it is not repeated on the page.
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
    // The lede is about the next step only: the service and the audience are said elsewhere on the
    // page. `name`: the business, given only when the heading does not already name it.
    lede_phone: [
      'Pick up the phone and tell {{name}} what you need.',
      'Call {{name}} and say what you need.',
      'The next step is a phone call: tell us what you need.',
      'Give us a call and tell us what you need.',
    ],
    lede_email: [
      'Send {{name}} an email and say what you need.',
      'Write to {{name}} with a few lines about what you need.',
      'The next step is a short email: tell us what you need.',
      'Send us a few lines about what you need.',
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
        ? { kind: 'phone' as const, label: fitLabel(`Call ${collapse(phone)}`, 48, 'Call us'), href: tel }
        : undefined;
    const emailAction = email
      ? {
          kind: 'email' as const,
          label: fitLabel(`Email ${email}`, 48, 'Send an email'),
          href: `mailto:${email}`,
        }
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

    const heading = ctx.text('heading', { max: 80 }) ?? 'Let’s talk';
    return {
      status: 'ok',
      content: {
        heading,
        lede: ctx.text(`lede_${primary.kind}`, { max: 240, data: unlessSaid(heading, ctx.businessName) }),
        primary,
        secondary,
      },
    };
  },
});
