import { z } from 'zod';

/**
 * The site spec: everything the build stage needs to render one site, as plain
 * data. Rendering the same spec twice gives the same bytes. Section content has
 * already been validated against its section schema when the spec is made.
 */
const hex = z.string().regex(/^#[0-9a-f]{6}$/i);

export const imageSourceSchema = z.strictObject({
  type: z.enum(['image/avif', 'image/webp', 'image/png', 'image/jpeg']),
  srcset: z.string().min(1),
});

export const specImageSchema = z.strictObject({
  /** Fallback `src` (largest WebP). */
  src: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sources: z.array(imageSourceSchema),
  /** A tiny inline blur placeholder (data: URI) or null. */
  placeholder: z.string().nullable(),
});

export const specSectionSchema = z.strictObject({
  key: z.string().min(1),
  type: z.string().min(1),
  variant: z.string().min(1),
  content: z.unknown(),
});

export const specPageSchema = z.strictObject({
  slug: z.string(),
  /** URL path with trailing slash: '/', '/about/'. */
  path: z.string().regex(/^\/([a-z0-9-]+\/)*$/),
  label: z.string().min(1),
  title: z.string().min(1).max(70),
  description: z.string().min(1).max(170),
  sections: z.array(specSectionSchema),
  jsonLd: z.record(z.string(), z.unknown()).nullable(),
});

export const siteSpecSchema = z.strictObject({
  version: z.literal(1),
  site: z.strictObject({
    slug: z.string().min(1),
    name: z.string().min(1),
    lang: z.string().min(2),
    /** Absolute canonical origin with trailing slash, e.g. https://rosas-bakery.dreamseed.site/ */
    url: z.url(),
    template: z.string(),
  }),
  theme: z.strictObject({
    id: z.string(),
    /** CSS custom properties, name without `--` → value. */
    vars: z.record(z.string().regex(/^[a-z0-9-]+$/), z.string().regex(/^[^;{}<>]+$/)),
    style: z.record(z.string(), z.string()),
    colors: z.record(z.string(), hex),
  }),
  nav: z.array(z.strictObject({ href: z.string(), label: z.string() })),
  header: specSectionSchema,
  footer: specSectionSchema,
  pages: z.array(specPageSchema).min(1),
  images: z.record(z.string(), specImageSchema),
  /** Site-relative path of the favicon (SVG or PNG), or null for the generated monogram. */
  favicon: z.string().nullable(),
});

export type SiteSpec = z.infer<typeof siteSpecSchema>;
export type SpecPage = z.infer<typeof specPageSchema>;
export type SpecSection = z.infer<typeof specSectionSchema>;
export type SpecImage = z.infer<typeof specImageSchema>;

/** The components (`type/variant`) that render the given sections, sorted, each once. */
export function componentKeys(sections: readonly Pick<SpecSection, 'type' | 'variant'>[]): string[] {
  return [...new Set(sections.map((s) => `${s.type}/${s.variant}`))].sort();
}
