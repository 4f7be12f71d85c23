import { z } from 'zod';
import { line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/catalog/grammar.ts';
import { priceUnit, unlessSaid } from '../../generator/catalog/section-kit.ts';

/**
 * Prices the founder stated: only services from the DNA `services` array that
 * carry a `price`, formatted with the site's currency. Services without a price
 * are never shown with a made-up one; when none has a price the section is left out.
 * Names and descriptions are the founder's words (`verbatim`), shown even when
 * the services section elsewhere on the site shows them too.
 */
const MAX_ITEMS = 12;

const item = z.strictObject({
  name: line(120),
  description: line(200).optional(),
  /** Formatted amount: "$9", "$4.50", "$1,450", or "Free" for a price of 0. */
  price: line(24),
  /** The founder's unit said "from …": the price is a starting price. */
  from: z.boolean().optional(),
  /** The founder's unit, made readable: "per loaf", "each", "flat fee", "8-inch cake". */
  unit: line(60).optional(),
});

export default defineSection({
  type: 'pricing',
  label: 'Prices',
  description:
    'Packages and prices the founder stated: name, description, price and unit, as a table or as cards.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'services', 'currency', 'primary_service'],
  requires: ['services'],
  states: ['services'],
  whenMissing: 'omit',
  schema: z.strictObject({
    heading: line(80),
    intro: line(240).optional(),
    /** Accessible name of the price table (visually hidden). */
    caption: line(100),
    columns: z.strictObject({ item: line(24), price: line(24) }),
    items: z.array(item).min(1).max(MAX_ITEMS),
    /** Said only when some services in the DNA have no price (and so are not listed). */
    note: line(160).optional(),
  }),
  variants: ['table', 'cards'],
  patterns: {
    heading: [
      'Prices',
      'Price list',
      'What it costs',
      '{{possessive business}} prices',
      'Prices at {{business}}',
    ],
    // `name`: the business, given only when the heading does not already name it.
    intro: [
      'Here is what {{name}} charges.',
      'Prices for {{phrase primary_service}}.',
      'See what things cost before you get in touch.',
      'A plain list of prices, so you know what to expect.',
    ],
    caption: ['Prices at {{business}}', '{{possessive business}} price list', 'Price list'],
    column_item: ['What you get', 'Item'],
    column_price: ['Price'],
    note: [
      'Some of what {{name}} offers is not listed here.',
      'Not everything {{name}} offers is listed here.',
      'Not everything we offer is listed here.',
    ],
  },
  compose(ctx) {
    const services = ctx.fact('services') ?? [];
    const priced = services.filter((s) => typeof s.price === 'number' && Number.isFinite(s.price));
    if (priced.length === 0) return { status: 'missing', missing: ['services'] };
    ctx.fact('currency'); // the formatted prices depend on it (provenance)

    const items = priced.slice(0, MAX_ITEMS).map((s) => {
      const { from, unit } = priceUnit(s.unit, s.name);
      const description = s.description
        ? ctx.verbatim(s.description, { sentence: true, max: 200 })
        : undefined;
      return {
        name: collapse(s.name),
        description,
        price: s.price === 0 ? 'Free' : ctx.money(s.price as number),
        from: from || undefined,
        unit: unit && unit.length <= 60 ? unit : undefined,
      };
    });

    const heading = ctx.text('heading', { max: 80 }) ?? 'Prices';
    const name = unlessSaid(heading, ctx.businessName);
    return {
      status: 'ok',
      content: {
        heading,
        intro: ctx.text('intro', { max: 240, data: name }),
        caption: ctx.text('caption', { max: 100 }) ?? 'Price list',
        columns: {
          item: ctx.text('column_item', { max: 24 }) ?? 'Item',
          price: ctx.text('column_price', { max: 24 }) ?? 'Price',
        },
        items,
        note:
          priced.length < services.length || priced.length > MAX_ITEMS
            ? ctx.text('note', { max: 160, data: name })
            : undefined,
      },
    };
  },
});
