import { z } from 'zod';

/**
 * Building blocks for section content schemas. Every visible string is one
 * trimmed line of bounded length with no markup and no template residue, so a
 * schema failure names the field instead of a broken page shipping.
 */
const RESIDUE = /(\{\{|\}\}|\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]|lorem ipsum|<[a-z!/])/i;

export function line(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !RESIDUE.test(s), { message: 'contains markup or template residue' });
}

/**
 * The eyebrow and headline a main section opens with, as `headlineAndEyebrow`
 * (section-kit.ts) writes them: `{ ...headlineFields, … }` in a content schema.
 */
export const headlineFields = { eyebrow: line(60).optional(), headline: line(80) };

export const imageRef = z.strictObject({ asset: z.string().min(1), alt: line(200) });

/**
 * An image that may be decorative: its alt text, or "" when the founder has not
 * described it (then it only adds atmosphere, as a hero background does, and
 * screen readers skip it). Only slots where an image can rightly be decorative
 * use it; a gallery or content image needs `imageRef`.
 */
export const decorativeImageRef = z.strictObject({
  asset: z.string().min(1),
  alt: z
    .string()
    .trim()
    .max(200)
    .refine((s) => !RESIDUE.test(s), { message: 'contains markup or template residue' }),
});

export const linkHref = z
  .string()
  .regex(/^(\/[a-z0-9/#-]*|tel:\+?[0-9]+|mailto:[^\s<>"]+|https?:\/\/[^\s<>"]+)$/);
