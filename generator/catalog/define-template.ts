import type { ScoreName } from '../dna/personality-scores.ts';
import type { Archetype, ModelType, Vertical } from '../dna/schema.ts';

/**
 * A template (`templates/<id>/template.ts`): which pages a site has, which
 * sections (and variants) each page shows in order, which businesses it suits,
 * and its default theme. Validated against the section registry when loaded.
 */
export interface TemplateSectionRef {
  type: string;
  /** Defaults to the section's first variant. */
  variant?: string;
  /** A required section that cannot be written is reported as needs_input; optional ones are left out. */
  required?: boolean;
}

export interface TemplatePage {
  /** '' for the home page, otherwise a kebab-case slug: 'about', 'services', 'contact'. */
  slug: string;
  /** Navigation label and default title part. */
  label: string;
  sections: readonly TemplateSectionRef[];
}

export interface TemplateSuits {
  archetypes?: readonly Archetype[];
  verticals?: readonly Vertical[];
  modelTypes?: readonly ModelType[];
  /** `dream_dna_type.template_category` values this template answers to. */
  categories?: readonly string[];
  /** Inclusive ranges of the 0–100 personality scores. */
  scores?: Partial<Record<ScoreName, readonly [number, number]>>;
}

export interface TemplateDefinition {
  id: string;
  name: string;
  description: string;
  theme: string;
  /** Header and footer variants shown on every page. */
  chrome: { header: string; footer: string };
  pages: readonly [TemplatePage, ...TemplatePage[]];
  suits: TemplateSuits;
}

export function defineTemplate(definition: TemplateDefinition): TemplateDefinition {
  return definition;
}
