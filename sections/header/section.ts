import { z } from 'zod';
import { imageRef, line, linkHref } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/catalog/grammar.ts';
import { navLinks, telHref } from '../../generator/catalog/section-kit.ts';

/**
 * The site header on every page: the business name (always as text), the
 * founder's logo whether or not they described it, the page navigation and,
 * when the DNA holds a dialable number, a call link. The logo's alt text is the
 * business name (what a logo says); beside the name, as the components show it,
 * it is decorative (alt=""). The current page is marked by the component (it compares
 * `Astro.url.pathname` with each href), because the content is shared by all pages.
 */
const MAX_NAME = 120;

export default defineSection({
  type: 'header',
  label: 'Header',
  description:
    'Business name and logo, navigation to every page, and a call link when there is a phone number.',
  schemaVersion: 1,
  placement: 'header',
  reads: ['business_name', 'site:pages', 'contact_phone', 'media:logo'],
  requires: ['business_name'],
  whenMissing: 'omit',
  schema: z.strictObject({
    name: line(MAX_NAME),
    logo: imageRef.optional(),
    nav: z
      .array(z.strictObject({ href: linkHref, label: line(24) }))
      .min(1)
      .max(8),
    phone: z.strictObject({ label: line(24), href: z.string().regex(/^tel:\+?[0-9]{7,15}$/) }).optional(),
  }),
  variants: ['bar', 'centered'],
  // The header shows facts as data (name, page labels, number); it writes no copy.
  patterns: {},
  compose(ctx) {
    const name = collapse(ctx.fact('business_name') ?? ctx.businessName);
    if (!name || name.length > MAX_NAME) return { status: 'missing', missing: ['business_name'] };

    const nav = navLinks(ctx);
    // Every site has its home page; a spec with no pages still gets a way home.
    if (nav.length === 0) nav.push({ href: '/', label: 'Home' });

    // The primary logo, described or not: a logo stands for the name, so its alt text is the name.
    const [logo] = ctx.media('logo');
    // A call link only for a number short enough for the header, shown as the founder wrote it.
    const rawPhone = ctx.fact('contact_phone');
    const label = rawPhone ? collapse(rawPhone) : '';
    const href = label.length <= 24 ? telHref(label) : undefined;
    const phone = href ? { label, href } : undefined;

    return {
      status: 'ok',
      content: {
        name,
        logo: logo ? { asset: logo.asset, alt: name } : undefined,
        nav,
        phone,
      },
    };
  },
});
