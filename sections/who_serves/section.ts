import { z } from 'zod';
import { headlineFields, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/catalog/grammar.ts';
import { listedItems, placeName, wholeSentences } from '../../generator/catalog/section-kit.ts';

/**
 * Who the business is for, in the founder's words. When the founder named
 * several groups as a list ("A, B, and C" or "A, plus B"), the groups are kept
 * exactly as written for the `cards` variant (`listedItems`: "Ohio, Indiana,
 * and Michigan" or "A, especially B" are not groups); a single description is
 * never split into invented groups.
 */
const MAX_STATEMENT = 320;

export default defineSection({
  type: 'who_serves',
  label: 'Who we serve',
  description: 'The people (or businesses) the business is for, with the area it serves.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'who_serves', 'service_area', 'location_city', 'location_region'],
  requires: ['who_serves'],
  states: ['who_serves'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    ...headlineFields,
    statement: line(MAX_STATEMENT),
    /** The groups exactly as the founder listed them; only when the founder listed several. */
    groups: z.array(line(120)).min(2).max(6).optional(),
    /** Lead-in for the groups (shown by the `cards` variant). */
    groupsIntro: line(120).optional(),
    note: line(240).optional(),
  }),
  variants: ['statement', 'cards'],
  patterns: {
    /** Shown only above a headline that does not already ask "who". */
    eyebrow: ['Who we serve', 'Who it’s for'],
    // Worded apart from the statements below, so the heading and the statement never say the same thing.
    headline: ['Who we serve', 'Who it’s for', 'Is this you?', 'Who we help'],
    statement: [
      '{{sentence who_text}}',
      'We work with {{who}}.',
      '{{business}} is for {{who}}.',
      'We’re here for {{who}}.',
    ],
    groupsIntro: [
      'If you see yourself here, you’re in the right place.',
      'If you see yourself here, {{business}} is for you.',
      'See whether one of these describes you.',
    ],
    // `area`: the founder's service area mid-sentence; an area holding a colon gets a dash instead.
    areaNote: ['Area served: {{area}}.', 'Where we work: {{area}}.'],
    areaNote_dash: ['Area served — {{area}}.', 'Where we work — {{area}}.'],
    placeNote: ['Based in {{place}}.', 'We’re based in {{place}}.', 'You’ll find us in {{place}}.'],
  },
  compose(ctx) {
    const raw = ctx.fact('who_serves');
    if (!raw) return { status: 'missing', missing: ['who_serves'] };
    const whoText = collapse(raw);
    // A long description keeps its first whole sentences; a sentence is never cut.
    const fitted = wholeSentences(whoText, MAX_STATEMENT - 20);
    let statement = fitted
      ? ctx.text('statement', {
          data: { who_text: fitted, who: ctx.phrase(fitted) },
          max: MAX_STATEMENT,
        })
      : undefined;
    // Every wording of ours already used on the site: the founder's own words, which are never refused.
    if (fitted) statement ??= ctx.verbatim(fitted, { sentence: true, max: MAX_STATEMENT });
    // Longer than a statement can hold.
    if (!statement) return { status: 'missing', missing: ['who_serves'] };

    const headline = ctx.text('headline', { max: 80 }) ?? 'Who we serve';
    const eyebrow = /^who\b/i.test(headline) ? undefined : ctx.text('eyebrow', { max: 60 });
    const groups = listedItems(whoText, {
      joiners: ['and', 'or', 'plus', 'as well as'],
      min: 2,
      max: 6,
      maxLength: 120,
    });

    // The note shows the area served or, when the DNA has none, where the business is based.
    const area = ctx.fact('service_area');
    let note = area
      ? ctx.text(area.includes(':') ? 'areaNote_dash' : 'areaNote', {
          max: 240,
          data: { area: ctx.phrase(area) },
        })
      : undefined;
    if (!note) {
      const city = ctx.fact('location_city');
      const place = city ? placeName(city, ctx.fact('location_region')) : undefined;
      if (place) note = ctx.text('placeNote', { max: 240, data: { place } });
    }

    return {
      status: 'ok',
      content: {
        eyebrow,
        headline,
        statement,
        groups,
        groupsIntro: groups ? ctx.text('groupsIntro', { max: 120 }) : undefined,
        note,
      },
    };
  },
});
