import { z } from 'zod';
import { headlineFields, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse, title } from '../../generator/catalog/grammar.ts';
import { isPerUnit } from '../../generator/catalog/price-terms.ts';
import { headlineAndEyebrow, priceUnit, upTo } from '../../generator/catalog/section-kit.ts';

/**
 * What the business offers: the founder's services with their descriptions,
 * and a price only when the DNA gives one (formatted with its unit: "$9",
 * "$140 per hour", "From $185" only when the founder said "from"). Without a
 * services list, the primary service is shown alone. Names and descriptions are
 * the founder's words (`verbatim`): a service is never left out, nor its
 * description dropped, because the same words stand elsewhere on the site (two
 * services "Quoted on site", a service named like the hero's headline).
 */
const MAX_ITEMS = 12;

export default defineSection({
  type: 'services',
  label: 'Services',
  description:
    'The services (or products) the business offers, with descriptions and prices where the founder gave them.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'primary_service', 'services', 'currency'],
  // A services list alone is shown too: a founder who named their services has said what they offer.
  requires: [],
  states: ['services'],
  whenMissing: 'omit',
  schema: z.strictObject({
    ...headlineFields,
    /** The founder's own lead-in (an edit); the offline writer leaves it out rather than repeat the main service. */
    intro: line(260).optional(),
    items: z
      .array(
        z.strictObject({ name: line(120), description: line(240).optional(), price: line(60).optional() }),
      )
      .min(1)
      .max(MAX_ITEMS),
  }),
  variants: ['grid', 'list'],
  patterns: {
    eyebrow: ['What we offer', 'Services', 'How we can help'],
    headline: ['What we offer', 'What {{business}} offers', 'Here’s what we do', 'Services'],
  },
  compose(ctx) {
    const primary = ctx.fact('primary_service');
    const list = ctx.fact('services') ?? [];
    if (!primary && !list.length) return { status: 'missing', missing: ['primary_service', 'services'] };

    let priced = false;
    const items: { name: string; description?: string; price?: string }[] = upTo(
      list,
      MAX_ITEMS,
      (service) => {
        const given = collapse(service.name);
        if (!given || given.length > 120) return undefined;
        const name = ctx.verbatim(given, { max: 120 });
        if (!name) return undefined;
        const description = service.description
          ? ctx.verbatim(service.description, { sentence: true, max: 240 })
          : undefined;
        const price =
          typeof service.price === 'number' && Number.isFinite(service.price)
            ? priceLabel(service.price === 0 ? 'Free' : ctx.money(service.price), service.unit, given)
            : undefined;
        if (price) priced = true;
        return { name, description, price };
      },
    );
    if (priced) ctx.fact('currency');
    if (!list.length) {
      // No services list: the primary service alone, unless this page already states it (the hero).
      const name = ctx.statedOnPage('primary_service', 'before')
        ? undefined
        : ctx.verbatim(title(primary!), { max: 120 });
      if (!name) return { status: 'missing', missing: ['services'] };
      items.push({ name });
    }
    if (!items.length) return { status: 'missing', missing: ['services'] };

    // No intro restating the primary service: the hero and the problem's answer already say it.
    const { headline, eyebrow } = headlineAndEyebrow(ctx, 'Services');
    return {
      status: 'ok',
      content: {
        eyebrow,
        headline,
        items,
      },
    };
  },
});

/**
 * "$9", "$4.50 each", "$140 per hour", "From $65 (8-inch cake)", "$3,500 flat fee" (units as in the
 * pricing section: `priceUnit`). Never adds "from" unless the founder's unit says it; undefined when
 * the unit is too long to show (a price without its unit could mislead).
 */
function priceLabel(amount: string, rawUnit: string | null | undefined, name: string): string | undefined {
  if (amount === 'Free') return amount;
  const { from, unit } = priceUnit(rawUnit, name);
  if (!unit) return from ? `From ${amount}` : amount;
  const label = !from
    ? `${amount} ${unit}`
    : isPerUnit(unit)
      ? `From ${amount} ${unit}`
      : `From ${amount} (${unit})`;
  if (label.length <= 60) return label;
  return from && !isPerUnit(unit) ? `From ${amount}` : undefined;
}
