import type { z } from 'zod';
import type { SiteSpec } from '../spec.ts';

/**
 * The props every section variant (`sections/<type>/<variant>.astro`) receives
 * from SectionView.astro. A variant declares them with its own section's
 * content type: `type Props = VariantProps<typeof section>`.
 */
export interface VariantProps<D extends { schema: z.ZodType }> {
  /** The section's content, already validated against its schema. */
  content: z.infer<D['schema']>;
  /** The section's key, unique on its page (`hero`, `services-2`): the stem of its heading's id. */
  sectionKey: string;
  /** The whole site spec: images (for Picture.astro), the site's name, pages, theme. */
  spec: SiteSpec;
  /** Position on the page: 0 is the first section under the header; the header gets -1, the footer -2. */
  index: number;
}

/**
 * The heading rule every main section follows: the first section of a page
 * carries the page's only `h1`, every other section an `h2`; headings inside
 * a section (`Sub`) sit one level below. The section is labelled by its
 * heading: `<section aria-labelledby={headingId}>` and `<Heading id={headingId}>`.
 */
export function headingsOf({ sectionKey, index }: { sectionKey: string; index: number }) {
  const first = index === 0;
  return {
    Heading: first ? 'h1' : 'h2',
    Sub: first ? 'h2' : 'h3',
    headingId: `${sectionKey}-title`,
  } as const;
}
