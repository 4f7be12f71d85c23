#!/usr/bin/env node
// Writes themes/theme.schema.json, the JSON Schema of a theme's tokens (themes/<id>/theme.json), generated
// from the zod schema the catalogue checks them with (generator/catalog/definition-schemas.ts), so an
// editor checks a theme as it is typed. `npm run docs:theme-schema`; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { themeJsonSchema } from '../../generator/catalog/theme-json-schema.ts';
import { repoRoot } from '../../generator/paths.ts';

const file = join(repoRoot, 'themes', 'theme.schema.json');
writeFileSync(file, themeJsonSchema());
// biome formats JSON in the repository; the test compares the parsed schema, so either layout passes.
process.stderr.write(`wrote ${file}\n`);
