import { z } from 'zod';
import { themeDefinitionSchema } from './definition-schemas.ts';

/** The JSON Schema of `themes/<id>/theme.json`, from the schema the catalogue loads themes with. */
export function themeJsonSchema(): string {
  const schema = z.toJSONSchema(themeDefinitionSchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'DreamSeed theme (design tokens)' }, null, 2)}\n`;
}
