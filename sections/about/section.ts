import { z } from 'zod';
import { headlineFields, imageRef, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { collapse } from '../../generator/catalog/grammar.ts';
import { forSlot, headlineAndEyebrow, placeName } from '../../generator/catalog/section-kit.ts';

/**
 * The founder's story in their own words (whole sentences only), with the
 * facts a reader looks for beside it (who, since when, where) and, when the
 * founder uploaded one with a description, a team photo. Credentials have
 * their own section (`credentials`), so they are not repeated here.
 */
const MAX_PARAGRAPH = 700;
const SOFT_PARAGRAPH = 420;

export default defineSection({
  type: 'about',
  label: 'About',
  description: 'The founder’s story, with founding year, location and a team photo when there is one.',
  schemaVersion: 2,
  placement: 'main',
  reads: [
    'business_name',
    'founder_name',
    'founder_story',
    'founded_year',
    'location_city',
    'location_region',
    'media:team',
  ],
  requires: ['founder_story'],
  states: ['founder_story'],
  whenMissing: 'needs_input',
  schema: z.strictObject({
    ...headlineFields,
    paragraphs: z.array(line(MAX_PARAGRAPH)).min(1).max(4),
    founder: line(80).optional(),
    facts: z
      .array(z.strictObject({ label: line(30), value: line(120) }))
      .min(1)
      .max(3)
      .optional(),
    portrait: imageRef.optional(),
  }),
  variants: ['story', 'portrait'],
  patterns: {
    // `name`: the business, given only when the headline does not already name it.
    eyebrow: ['Our story', 'About us', 'The founder', 'About {{name}}'],
    headline: [
      'Meet {{founder_name}}',
      'The story behind {{business}}',
      'Who’s behind {{business}}',
      'About {{business}}',
      'Our story',
    ],
  },
  compose(ctx) {
    const story = ctx.fact('founder_story');
    if (!story) return { status: 'missing', missing: ['founder_story'] };
    const paragraphs: string[] = [];
    for (const paragraph of paragraphsOf(collapse(story))) {
      const written = ctx.verbatim(paragraph, { sentence: true, max: MAX_PARAGRAPH });
      if (!written) break; // keep the story in order: stop at the first part that cannot be shown
      paragraphs.push(written);
    }
    if (!paragraphs.length) return { status: 'missing', missing: ['founder_story'] };

    const founderName = ctx.fact('founder_name');
    const founder = founderName && collapse(founderName).length <= 80 ? collapse(founderName) : undefined;

    const facts: { label: string; value: string }[] = [];
    if (founder) facts.push({ label: 'Founder', value: founder });
    const year = ctx.fact('founded_year');
    if (year) facts.push({ label: 'Founded', value: String(year) });
    const city = ctx.fact('location_city');
    if (city) {
      const place = placeName(city, ctx.fact('location_region'));
      if (place.length <= 120) facts.push({ label: 'Based in', value: place });
    }

    // A portrait frame: a portrait (or square) team photo the founder described; its description is the alt text.
    const photo = forSlot(ctx.media('team'), 'tall').find((m) => m.alt && m.alt.length <= 200);
    const { headline, eyebrow } = headlineAndEyebrow(ctx, 'Our story');

    return {
      status: 'ok',
      content: {
        eyebrow,
        headline,
        paragraphs,
        founder,
        facts: facts.length ? facts : undefined,
        portrait: photo?.alt ? { asset: photo.asset, alt: photo.alt } : undefined,
      },
    };
  },
});

/**
 * The story as up to four paragraphs of whole sentences: one paragraph when it
 * is short, otherwise sentences grouped up to a comfortable length. A single
 * sentence longer than a paragraph can hold ends the story there.
 */
function paragraphsOf(text: string): string[] {
  if (text.length <= SOFT_PARAGRAPH) return [text];
  const sentences = text.split(/(?<=[.!?…]["”’)]?)\s+(?=["“‘(]?\p{Lu})/u);
  const out: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (s.length > MAX_PARAGRAPH) break;
    const next = current ? `${current} ${s}` : s;
    if (current && next.length > SOFT_PARAGRAPH) {
      out.push(current);
      current = s;
    } else current = next;
    if (out.length === 4) break;
  }
  if (current && out.length < 4) out.push(current);
  return out;
}
