import { z } from 'zod';
import { archetypes, modelTypes, verticals } from '../dna/schema.ts';

/**
 * What a template (`templates/<id>/template.json`) and a theme
 * (`themes/<id>/theme.json`) may declare: checked when the catalogue loads
 * (registry.ts), and the one source of their types (define-template.ts,
 * define-theme.ts).
 */
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use kebab-case');
/** An inclusive range of a 0–100 personality score. */
const range = z
  .tuple([z.number().int().min(0).max(100), z.number().int().min(0).max(100)])
  .refine(([a, b]) => a <= b, 'range must be [low, high]');

const templateSectionRef = z.strictObject({
  /** A section type (`sections/<type>/`). */
  type: z.string().min(1),
  /** One of the section's variants; defaults to its first. */
  variant: z.string().min(1).optional(),
  /** A required section that cannot be written is reported as needs_input; optional ones are left out. */
  required: z.boolean().optional(),
});

const templatePage = z.strictObject({
  /** '' for the home page (always the first), otherwise a kebab-case slug: 'about', 'services', 'contact'. */
  slug: z.union([z.literal(''), id]),
  /** Navigation label and default title part. */
  label: z.string().min(1).max(24),
  /** The page's sections, in order. */
  sections: z.array(templateSectionRef).min(1),
});

export const templateDefinitionSchema = z.strictObject({
  /** The JSON Schema an editor checks the file with (templates/template.schema.json). */
  $schema: z.string().optional(),
  /** Equals the folder name. */
  id,
  name: z.string().min(1).max(60),
  /** For designers: what the template puts first, and why (a few sentences). */
  summary: z.string().min(1).max(600).optional(),
  description: z.string().min(1).max(300),
  /** The default theme (`themes/<id>/`). */
  theme: id,
  /** Header and footer variants shown on every page. */
  chrome: z.strictObject({ header: z.string().min(1), footer: z.string().min(1) }),
  pages: z.array(templatePage).min(1).max(8),
  /** Which businesses the template suits (select-template.ts scores them). */
  suits: z.strictObject({
    archetypes: z.array(z.enum(archetypes)).optional(),
    verticals: z.array(z.enum(verticals)).optional(),
    modelTypes: z.array(z.enum(modelTypes)).optional(),
    /** `dream_dna_type.template_category` values this template answers to. */
    categories: z.array(id).optional(),
    /** Inclusive ranges of the 0–100 personality scores. */
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

export const themeDefinitionSchema = z.strictObject({
  /** The JSON Schema an editor checks the file with (themes/theme.schema.json). */
  $schema: z.string().optional(),
  /** Equals the folder name. */
  id,
  /** One line: what the theme is for and what it looks like. */
  summary: z.string().min(1).optional(),
  name: z.string().min(1),
  description: z.string().min(1),
  fonts: z.strictObject({ body: cssValue, heading: cssValue, mono: cssValue.optional() }),
  /** Root font size in px and the modular scale ratio for headings. */
  type: z.strictObject({
    basePx: z.number().min(15).max(22),
    ratio: z.number().min(1.1).max(1.5),
    headingWeight: z.number().int().min(300).max(900),
    bodyLineHeight: z.number().min(1.3).max(1.9),
    headingLineHeight: z.number().min(1).max(1.4),
    headingCase: z.enum(['none', 'uppercase']).optional(),
    headingTracking: cssValue.optional(),
  }),
  /** Spacing unit in rem; the scale multiplies it. */
  space: z.strictObject({ unitRem: z.number().min(0.75).max(1.5), sectionRem: z.number().min(2).max(10) }),
  radius: z.strictObject({ small: cssValue, medium: cssValue, large: cssValue, button: cssValue }),
  layout: z.strictObject({ maxWidth: cssValue, measure: cssValue }),
  /** Visual character hints sections may use. */
  style: z.strictObject({
    buttonStyle: z.enum(['solid', 'outline', 'pill']),
    cardStyle: z.enum(['flat', 'bordered', 'raised']),
    sectionDivider: z.enum(['none', 'rule', 'band']),
  }),
});
