import { expect, it } from 'vitest';
import { factFields, probabilitySchema, truthSchema, typeSchema } from '../../../generator/dna/schema.ts';
import { openTestDatabase } from '../../helpers/database.ts';

async function columns(table: string): Promise<string[]> {
  const db = await openTestDatabase({ seed: false });
  try {
    const rows = await db.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = 'public' and table_name = $1",
      [table],
    );
    return rows.map((r) => r.column_name).sort();
  } finally {
    await db.close();
  }
}

it.each([
  ['dream_dna_truth', truthSchema],
  ['dream_dna_type', typeSchema],
  ['dream_dna_probability', probabilitySchema],
] as const)(
  'the %s zod schema names only real columns, and reads every column of the table',
  async (table, schema) => {
    const cols = await columns(table);
    const keys = Object.keys(schema.shape).sort();
    expect(keys.filter((k) => !cols.includes(k))).toEqual([]);
    expect(cols.filter((c) => !keys.includes(c))).toEqual([]);
  },
);

it('every fact field is a truth column', async () => {
  const cols = await columns('dream_dna_truth');
  expect(factFields.filter((f) => !cols.includes(f))).toEqual([]);
});
