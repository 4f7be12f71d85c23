import { z } from 'zod';
import { imageRef, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';

/**
 * The founder's story in their own words (whole sentences only), with the
 * facts a reader looks for beside it (who, since when, where), the
 * credentials the DNA records and, when the founder uploaded one with a
 * description, a team photo.
 */
const MAX_PARAGRAPH = 700;
const SOFT_PARAGRAPH = 420;

export default defineSection({
  type: 'about',
  label: 'About',
  description:
    'The founder’s story, with founding year, location, credentials and a team photo when there is one.',
  schemaVersion: 1,
  placement: 'main',
  reads: [
    'business_name',
    'founder_name',
    'founder_story',
    'founded_year',
    'location_city',
    'location_region',
    'credentials',
    'media:team',
  ],
  requires: ['founder_story'],
  whenMissing: 'needs_input',
  schema: z
    .strictObject({
      eyebrow: line(60).optional(),
      headline: line(80),
      paragraphs: z.array(line(MAX_PARAGRAPH)).min(1).max(4),
      founder: line(80).optional(),
      facts: z
        .array(z.strictObject({ label: line(30), value: line(120) }))
        .min(1)
        .max(3)
        .optional(),
      credentialsHeading: line(60).optional(),
      credentials: z.array(line(160)).min(1).max(6).optional(),
      portrait: imageRef.optional(),
    })
    .refine((c) => !c.credentials || Boolean(c.credentialsHeading), {
      message: 'credentials need a heading',
    }),
  variants: ['story', 'portrait'],
  patterns: {
    eyebrow: ['Our story', 'About us', 'The founder', 'About {{business}}'],
    headline: [
      'Meet {{founder_name}}',
      'The story behind {{business}}',
      'Who’s behind {{business}}',
      'About {{business}}',
      'Our story',
    ],
    paragraph: ['{{sentence paragraph}}'],
    credentialsHeading: ['Credentials', 'Our credentials', 'Credentials at a glance'],
    credential: ['{{title credential}}'],
  },
  compose(ctx) {
    const story = ctx.fact('founder_story');
    if (!story) return { status: 'missing', missing: ['founder_story'] };
    const paragraphs: string[] = [];
    for (const paragraph of paragraphsOf(clean(story))) {
      const written = ctx.text('paragraph', { data: { paragraph }, max: MAX_PARAGRAPH });
      if (!written) break; // keep the story in order: stop at the first part that cannot be shown
      paragraphs.push(written);
    }
    if (!paragraphs.length) return { status: 'missing', missing: ['founder_story'] };

    const founderName = ctx.fact('founder_name');
    const founder = founderName && clean(founderName).length <= 80 ? clean(founderName) : undefined;

    const facts: { label: string; value: string }[] = [];
    if (founder) facts.push({ label: 'Founder', value: founder });
    const year = ctx.fact('founded_year');
    if (year) facts.push({ label: 'Founded', value: String(year) });
    const city = ctx.fact('location_city');
    if (city) {
      const region = ctx.fact('location_region');
      const place = [city, region]
        .filter(Boolean)
        .map((s) => clean(s!))
        .join(', ');
      if (place.length <= 120) facts.push({ label: 'Based in', value: place });
    }

    const credentials = (ctx.fact('credentials') ?? [])
      .map(clean)
      .filter((c) => c.length <= 160)
      .map((credential) => ctx.text('credential', { data: { credential }, max: 160 }))
      .filter((c): c is string => Boolean(c))
      .filter((c, i, all) => all.findIndex((o) => o.toLowerCase() === c.toLowerCase()) === i)
      .slice(0, 6);

    const photo = ctx.media('team').find((m) => m.alt && m.alt.length <= 200);
    const headline = ctx.text('headline', { max: 80 }) ?? 'Our story';
    const eyebrow = ctx.text('eyebrow', { max: 60 });

    return {
      status: 'ok',
      content: {
        eyebrow: eyebrow && !echoes(eyebrow, headline) ? eyebrow : undefined,
        headline,
        paragraphs,
        founder,
        facts: facts.length ? facts : undefined,
        credentialsHeading: credentials.length
          ? (ctx.text('credentialsHeading', { max: 60 }) ?? 'Credentials')
          : undefined,
        credentials: credentials.length ? credentials : undefined,
        portrait: photo?.alt ? { asset: photo.asset, alt: photo.alt } : undefined,
      },
    };
  },
});

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

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
