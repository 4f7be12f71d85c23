#!/usr/bin/env node
// Writes templates/template.schema.json and themes/theme.schema.json, the JSON Schemas of the catalogue's
// data files, generated from the zod schemas the registry checks them with
// (generator/catalog/definition-schemas.ts), so an editor checks a template or theme as it is typed.
// `npm run docs:schemas`; a test fails when they are stale (it compares the parsed schemas: biome formats
// JSON in the repository, so either layout passes).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFINITION_SCHEMAS, definitionJsonSchema } from '../../generator/catalog/definition-json-schema.ts';
import { repoRoot } from '../../generator/paths.ts';

for (const kind of ['template', 'theme'] as const) {
  const file = join(repoRoot, DEFINITION_SCHEMAS[kind].file);
  writeFileSync(file, definitionJsonSchema(kind));
  process.stderr.write(`wrote ${file}\n`);
}
