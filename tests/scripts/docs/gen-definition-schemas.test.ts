import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  DEFINITION_SCHEMAS,
  definitionJsonSchema,
} from '../../../generator/catalog/definition-json-schema.ts';
import { repoRoot } from '../../../generator/paths.ts';

const folders = { template: 'templates', theme: 'themes' } as const;

describe.each(['template', 'theme'] as const)('%s.json and its JSON Schema', (kind) => {
  const schemaFile = join(repoRoot, DEFINITION_SCHEMAS[kind].file);
  const files = readdirSync(join(repoRoot, folders[kind]), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(repoRoot, folders[kind], d.name, `${kind}.json`));

  it(`${DEFINITION_SCHEMAS[kind].file} matches the zod schema (run \`npm run docs:schemas\` after changing it)`, () => {
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(JSON.parse(definitionJsonSchema(kind)));
  });

  it('every file names the schema and passes it; a bad value fails it, naming the field', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(schemaFile, 'utf8')),
    );
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      const definition = JSON.parse(readFileSync(file, 'utf8'));
      expect(definition.$schema, file).toBe(`../${kind}.schema.json`);
      expect(validate(definition), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const first = JSON.parse(readFileSync(files[0]!, 'utf8'));
    expect(validate({ ...first, id: 'Not Kebab' })).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/id');
  });
});
