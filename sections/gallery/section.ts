import { z } from 'zod';
import { imageRef, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { shapeOf } from '../../generator/catalog/section-kit.ts';

/**
 * The founder's photos and product shots. Only images the founder described
 * (the description is the alt text, never invented) are shown: a gallery image
 * is content, never decoration. Fewer than two described images and the section
 * is left out. The first image is the large one of the mosaic (a wide cell), so
 * the first that is not portrait leads.
 */
const MAX_IMAGES = 12;

export default defineSection({
  type: 'gallery',
  label: 'Gallery',
  description:
    'Founder photos and product images with their alt text, as an even grid or a mosaic with one large image.',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'media:photo', 'media:product'],
  requires: [],
  whenMissing: 'omit',
  schema: z.strictObject({
    heading: line(80),
    images: z.array(imageRef).min(2).max(MAX_IMAGES),
  }),
  variants: ['grid', 'mosaic'],
  patterns: {
    heading: ['Gallery', 'Photos', 'A closer look', '{{business}} in pictures', 'In pictures'],
  },
  compose(ctx) {
    // Images an earlier section already shows (the hero's photo) are not repeated here.
    const seen = new Set<string>();
    const described = [
      ...ctx.media('photo', { excludeUsed: true }),
      ...ctx.media('product', { excludeUsed: true }),
    ]
      .filter((m): m is typeof m & { alt: string } => m.alt !== null && m.alt.length <= 200)
      .filter((m) => !seen.has(m.asset) && seen.add(m.asset))
      .slice(0, MAX_IMAGES);
    const lead = Math.max(
      0,
      described.findIndex((m) => shapeOf(m) !== 'portrait'),
    );
    const images = [described[lead]!, ...described.filter((_, i) => i !== lead)]
      .filter(Boolean)
      .map((m) => ({ asset: m.asset, alt: m.alt }));
    if (images.length < 2) return { status: 'missing', missing: ['media:photo', 'media:product'] };
    return {
      status: 'ok',
      content: { heading: ctx.text('heading', { max: 80 }) ?? 'Gallery', images },
    };
  },
});
