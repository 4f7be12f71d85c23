import type { z } from 'zod';
import type { themeDefinitionSchema } from './definition-schemas.ts';

/**
 * A theme (`themes/<id>/theme.json`): design tokens, as data. Its shape is
 * `themeDefinitionSchema` (definition-schemas.ts), checked when the catalogue
 * loads. Colour roles are not part of a theme: the brand stage fills them (from
 * the founder's media, or the archetype palette when there is none) as a
 * `Palette`.
 */
export type ThemeDefinition = z.infer<typeof themeDefinitionSchema>;

/** The colour roles a palette fills; `color-<role in kebab-case>` on the page. */
export const paletteRoles = [
  'bg',
  'surface',
  'text',
  'muted',
  'primary',
  'onPrimary',
  'accent',
  'link',
  'border',
  'borderStrong',
  'focus',
] as const;
export type PaletteRole = (typeof paletteRoles)[number];
/** Hex `#rrggbb` per role. */
export type Palette = Readonly<Record<PaletteRole, string>>;
