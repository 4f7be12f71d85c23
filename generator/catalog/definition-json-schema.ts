import { z } from 'zod';
import { templateDefinitionSchema, themeDefinitionSchema } from './definition-schemas.ts';

/**
 * The JSON Schemas of the catalogue's data files, `templates/<id>/template.json`
 * and `themes/<id>/theme.json`, from the zod schemas the registry loads them
 * with: an editor checks a file against them as it is typed (`"$schema"`).
 */
export const DEFINITION_SCHEMAS = {
  template: {
    file: 'templates/template.schema.json',
    schema: templateDefinitionSchema,
    title: 'DreamSeed template',
  },
  theme: {
    file: 'themes/theme.schema.json',
    schema: themeDefinitionSchema,
    title: 'DreamSeed theme (design tokens)',
  },
} as const;

export function definitionJsonSchema(kind: keyof typeof DEFINITION_SCHEMAS): string {
  const { schema, title } = DEFINITION_SCHEMAS[kind];
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}
