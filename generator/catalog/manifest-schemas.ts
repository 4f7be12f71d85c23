import { z } from 'zod';
import { archetypes, modelTypes, verticals } from '../dna/schema.ts';

/** Zod schemas for template and theme manifests, checked when the catalogue loads. */
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use kebab-case');
const range = z
  .tuple([z.number().int().min(0).max(100), z.number().int().min(0).max(100)])
  .refine(([a, b]) => a <= b, 'range must be [low, high]');

export const templateManifestSchema = z.strictObject({
  id,
  name: z.string().min(1).max(60),
  description: z.string().min(1).max(300),
  theme: id,
  chrome: z.strictObject({ header: z.string().min(1), footer: z.string().min(1) }),
  pages: z
    .array(
      z.strictObject({
        slug: z.union([z.literal(''), id]),
        label: z.string().min(1).max(24),
        sections: z
          .array(
            z.strictObject({
              type: z.string().min(1),
              variant: z.string().min(1).optional(),
              required: z.boolean().optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1)
    .max(8),
  suits: z.strictObject({
    archetypes: z.array(z.enum(archetypes)).optional(),
    verticals: z.array(z.enum(verticals)).optional(),
    modelTypes: z.array(z.enum(modelTypes)).optional(),
    categories: z.array(id).optional(),
    scores: z
      .strictObject({
        risk_tolerance: range.optional(),
        innovation_level: range.optional(),
        scale_ambition: range.optional(),
      })
      .optional(),
  }),
});

const cssValue = z.string().regex(/^[^;{}<>]+$/, 'must be a plain CSS value');
export const themeManifestSchema = z.strictObject({
  id,
  name: z.string().min(1),
  description: z.string().min(1),
  fonts: z.strictObject({ body: cssValue, heading: cssValue, mono: cssValue.optional() }),
  type: z.strictObject({
    basePx: z.number().min(15).max(22),
    ratio: z.number().min(1.1).max(1.5),
    headingWeight: z.number().int().min(300).max(900),
    bodyLineHeight: z.number().min(1.3).max(1.9),
    headingLineHeight: z.number().min(1).max(1.4),
    headingCase: z.enum(['none', 'uppercase']).optional(),
    headingTracking: cssValue.optional(),
  }),
  space: z.strictObject({ unitRem: z.number().min(0.75).max(1.5), sectionRem: z.number().min(2).max(10) }),
  radius: z.strictObject({ small: cssValue, medium: cssValue, large: cssValue, button: cssValue }),
  layout: z.strictObject({ maxWidth: cssValue, measure: cssValue }),
  style: z.strictObject({
    buttonStyle: z.enum(['solid', 'outline', 'pill']),
    cardStyle: z.enum(['flat', 'bordered', 'raised']),
    sectionDivider: z.enum(['none', 'rule', 'band']),
  }),
});
