import type { z } from 'zod';
import type { templateDefinitionSchema } from './definition-schemas.ts';

/**
 * A template (`templates/<id>/template.json`): which pages a site has, which
 * sections (and variants) each page shows in order, which businesses it suits,
 * and its default theme. Its shape is `templateDefinitionSchema`
 * (definition-schemas.ts); the registry checks it, and the sections, variants
 * and theme it names, when the catalogue loads.
 */
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type TemplatePage = TemplateDefinition['pages'][number];
export type TemplateSectionRef = TemplatePage['sections'][number];
export type TemplateSuits = TemplateDefinition['suits'];
