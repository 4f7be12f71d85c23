import { z } from 'zod';
import { line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';

/**
 * What the business offers: the founder's services with their descriptions,
 * and a price only when the DNA gives one (formatted with its unit: "$9",
 * "$140 per hour", "From $185" only when the founder said "from"). Without a
 * services list, the primary service is shown alone.
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
  requires: ['primary_service'],
  whenMissing: 'omit',
  schema: z.strictObject({
    eyebrow: line(60).optional(),
    headline: line(80),
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
    headline: [
      'What we offer',
      'What {{business}} offers',
      '{{title short_primary}}',
      'Here’s what we do',
      'Services',
    ],
    intro: [
      'At the heart of it: {{service}}.',
      'Our main work is {{service}}.',
      'First and foremost, {{business}} offers {{service_np}}.',
    ],
    name: ['{{name}}'],
    single: ['{{title primary_service}}'],
    description: ['{{sentence description}}'],
  },
  compose(ctx) {
    const primary = ctx.fact('primary_service');
    if (!primary) return { status: 'missing', missing: ['primary_service'] };
    const list = ctx.fact('services') ?? [];

    const items: { name: string; description?: string; price?: string }[] = [];
    let priced = false;
    for (const service of list) {
      if (items.length >= MAX_ITEMS) break;
      const given = clean(service.name);
      if (!given || given.length > 120) continue;
      // Names and descriptions go through the copy pipeline so that nothing already said on
      // this page (the hero's headline, a pricing table above) is repeated.
      const name = ctx.text('name', { data: { name: given }, max: 120 });
      if (!name) continue;
      const text = service.description ? clean(service.description) : '';
      const description = text
        ? ctx.text('description', { data: { description: text }, max: 240 })
        : undefined;
      const price =
        service.price !== null && service.price !== undefined
          ? priceLabel(ctx.money(service.price), service.unit, given)
          : undefined;
      if (price) priced = true;
      items.push({ name, description, price });
    }
    if (priced) ctx.fact('currency');
    if (!list.length) {
      // No services list: the primary service alone, unless the page already says it.
      const name = ctx.text('single', { max: 120 });
      if (!name) return { status: 'missing', missing: ['services'] };
      items.push({ name });
    }
    if (!items.length) return { status: 'missing', missing: ['services'] };

    // The primary service doubles as a headline only when it is short enough to read as one.
    const shortPrimary = title(primary).length <= 50 ? title(primary) : undefined;
    const headline =
      ctx.text('headline', { max: 80, data: shortPrimary ? { short_primary: shortPrimary } : {} }) ??
      'Services';
    const headlineIsPrimary = headline === title(primary);
    const single = items.length === 1 && items[0]!.name === title(primary);
    const eyebrow = ctx.text('eyebrow', { max: 60 });
    const intro =
      headlineIsPrimary || single
        ? undefined
        : ctx.text('intro', { data: introData(inline(primary, ctx.businessName)), max: 260 });
    return {
      status: 'ok',
      content: {
        eyebrow: eyebrow && !echoes(eyebrow, headline) ? eyebrow : undefined,
        headline,
        intro,
        items,
      },
    };
  },
});

/** Units that read as "per …" after a price. */
const PER_UNITS = new Set(
  (
    'hour day night week month year class session lesson visit person guest head call-out callout item piece dozen ' +
    'pound lb kg mile page word room student child kid dog cat pet household couple hour-long minute'
  ).split(' '),
);
/** Units that only restate that the price is the price. */
const PLAIN_UNITS = new Set(['package', 'total', 'price', 'fixed price', 'flat', 'one-off', 'one off']);

/**
 * "$9", "$4.50 each", "$140 per hour", "From $65 (8-inch cake)", "$3,500 flat fee".
 * Never adds "from" unless the founder's unit says it; undefined when the unit is too long to show.
 */
function priceLabel(amount: string, unit: string | null | undefined, name: string): string | undefined {
  const u = unit ? clean(unit).replace(/[.]+$/, '') : '';
  if (!u) return amount;
  const from = /^from\b[,:;]?\s*(.*)$/i.exec(u);
  if (from) return withinLimit(from[1] ? `From ${amount} (${from[1]})` : `From ${amount}`, `From ${amount}`);
  const lower = u.toLowerCase();
  if (PLAIN_UNITS.has(lower)) return amount;
  if (new RegExp(`(^|[^\\p{L}])${escapeRegExp(lower)}([^\\p{L}]|$)`, 'u').test(name.toLowerCase()))
    return amount;
  if (/^(per|each|a|an)\b/i.test(u)) return withinLimit(`${amount} ${u}`);
  if (PER_UNITS.has(lower)) return `${amount} per ${lower}`;
  return withinLimit(`${amount} ${u}`);
}

function withinLimit(label: string, fallback?: string): string | undefined {
  if (label.length <= 60) return label;
  return fallback && fallback.length <= 60 ? fallback : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function title(s: string): string {
  const t = clean(s).replace(/[.!]+$/, '');
  const [first = '', ...rest] = Array.from(t);
  return first.toLocaleUpperCase('en') + rest.join('');
}

function echoes(a: string, b: string): boolean {
  const n = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const [x, y] = [n(a), n(b)];
  const firstTwo = (s: string) => s.split(' ').slice(0, 2).join(' ');
  return x.includes(y) || y.includes(x) || firstTwo(x) === firstTwo(y);
}

const PROPER = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december english spanish french italian german portuguese chinese japanese korean ' +
    'arabic hindi mexican american canadian british irish christian catholic jewish muslim latino latina black'
  ).split(' '),
);
const COMMON_POSSESSIVES = new Set([
  "children's",
  "women's",
  "men's",
  "kids'",
  "people's",
  'children’s',
  'women’s',
  'men’s',
  'people’s',
]);

/** A founder's fragment placed mid-sentence (see what_problem/section.ts for the rules). */
function inline(text: string, businessName: string): string {
  const s = clean(text).replace(/[.!]+$/, '');
  const m = /^(\p{Lu}\p{Ll}[\p{Ll}'’-]*)(.*)$/u.exec(s);
  if (!m) return s;
  const word = m[1]!;
  const rest = m[2]!;
  const lower = word.toLowerCase();
  if (rest && !/^[\s,;:]/.test(rest)) return s;
  if (/['’]s?$/.test(word) && !COMMON_POSSESSIVES.has(lower)) return s;
  if (/^\p{Lu}/u.test(rest.trim())) return s;
  const brand = businessName.trim().split(/\s+/)[0]?.toLowerCase();
  if (PROPER.has(lower) || lower === brand) return s;
  return lower + rest;
}

/** -ing words that are nouns ("catering", "plumbing"), so a phrase starting with one reads after "offers". */
const ING_NOUNS = new Set(
  (
    'wedding catering plumbing landscaping bookkeeping clothing housing lighting roofing flooring consulting accounting ' +
    'marketing engineering tutoring coaching grooming boarding printing framing piercing fencing paving siding ' +
    'decking tiling bedding seating'
  ).split(' '),
);

/**
 * The service as a noun phrase that can follow "offers" or "with", or undefined when it starts
 * with a verb in -ing ("Connecting legacy systems…"), which only reads after a colon or "is".
 */
function nounPhrase(service: string): string | undefined {
  const first = (service.split(/\s+/)[0] ?? '').toLowerCase().replace(/[^\p{L}-]/gu, '');
  return /ing$/.test(first) && !ING_NOUNS.has(first) ? undefined : service;
}

function introData(service: string): Record<string, string> {
  const np = nounPhrase(service);
  return np ? { service, service_np: np } : { service };
}
