import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect, it } from 'vitest';
import { themeJsonSchema } from '../../../generator/catalog/theme-json-schema.ts';
import { repoRoot } from '../../../generator/paths.ts';

const schemaFile = join(repoRoot, 'themes', 'theme.schema.json');
const themeFiles = readdirSync(join(repoRoot, 'themes'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(repoRoot, 'themes', d.name, 'theme.json'));

it('themes/theme.schema.json matches the zod schema (run `npm run docs:theme-schema` after changing it)', () => {
  expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(JSON.parse(themeJsonSchema()));
});

it('every theme.json names the schema and passes it; a bad token fails it, naming the field', () => {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(schemaFile, 'utf8')),
  );
  expect(themeFiles.length).toBeGreaterThanOrEqual(7);
  for (const file of themeFiles) {
    const theme = JSON.parse(readFileSync(file, 'utf8'));
    expect(theme.$schema, file).toBe('../theme.schema.json');
    expect(validate(theme), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
  const calm = JSON.parse(readFileSync(themeFiles[0]!, 'utf8'));
  expect(validate({ ...calm, type: { ...calm.type, basePx: 40 } })).toBe(false);
  expect(validate.errors?.[0]?.instancePath).toBe('/type/basePx');
});
