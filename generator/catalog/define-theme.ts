/**
 * A theme (`themes/<id>/theme.ts`): design tokens. Colour roles are not part of
 * a theme: the brand stage fills them (from the founder's media, or the
 * archetype palette when there is none).
 */
export interface ThemeDefinition {
  id: string;
  name: string;
  description: string;
  fonts: { body: string; heading: string; mono?: string };
  /** Root font size in px and the modular scale ratio for headings. */
  type: {
    basePx: number;
    ratio: number;
    headingWeight: number;
    bodyLineHeight: number;
    headingLineHeight: number;
    headingCase?: 'none' | 'uppercase';
    headingTracking?: string;
  };
  /** Spacing unit in rem; the scale multiplies it. */
  space: { unitRem: number; sectionRem: number };
  radius: { small: string; medium: string; large: string; button: string };
  layout: { maxWidth: string; measure: string };
  /** Visual character hints sections may use. */
  style: {
    buttonStyle: 'solid' | 'outline' | 'pill';
    cardStyle: 'flat' | 'bordered' | 'raised';
    sectionDivider: 'none' | 'rule' | 'band';
  };
}

export function defineTheme(definition: ThemeDefinition): ThemeDefinition {
  return definition;
}
