import { z } from 'zod';
import { bundleFileSchema } from './bundle-file.ts';

/**
 * The DNA bundle's JSON Schema (draft 2020-12), generated from the zod schema
 * the parser uses, so the two cannot drift (`dreamseed dna schema` prints it).
 * It describes what a bundle may hold as written (scores on either scale,
 * optional ids) and that it names a business in `users` or `dream_dna_truth`.
 * The parser also checks what JSON Schema cannot say: one scale for all three
 * scores, media files that exist, and `field_name`s that are truth fields.
 */
export function bundleJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(bundleFileSchema, {
    io: 'input',
    // Timestamps are strings in JSON (the zod schema also takes Date objects from database drivers).
    unrepresentable: (ctx) =>
      ctx.zodSchema._zod.def.type === 'date' ? { type: 'string', format: 'date-time' } : 'throw',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'DreamSeed DNA bundle',
    description:
      'The input of `dreamseed generate --dna FILE`: tables of the Dream DNA keyed by name, with their column names. Only a business name is needed (users.business_name or dream_dna_truth.business_name). See docs/dna-bundle.md.',
    ...rest,
    // The one cross-table rule JSON Schema can say: a business name in either table.
    anyOf: (['users', 'dream_dna_truth'] as const).map((table) => ({
      required: [table],
      properties: {
        [table]: {
          type: 'object',
          required: ['business_name'],
          properties: { business_name: { type: 'string', pattern: '\\S' } },
        },
      },
    })),
  };
}
