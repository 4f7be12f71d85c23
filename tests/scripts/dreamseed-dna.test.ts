import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { bundleJsonSchema } from '../../generator/dna/bundle-json-schema.ts';
import { repoRoot } from '../../generator/paths.ts';
import { runCli, tempHome } from '../helpers/cli.ts';
import { docExamples } from '../helpers/doc-examples.ts';

describe('dreamseed dna (subprocess)', { timeout: 60_000 }, () => {
  const home = tempHome();

  it('`dna schema` prints the bundle’s JSON Schema, one JSON document a validator accepts', () => {
    const r = runCli(['dna', 'schema'], home);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(bundleJsonSchema());
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(printed);
    for (const { json, line } of docExamples('dna-bundle.md'))
      expect(validate(json), `docs/dna-bundle.md line ${line}`).toBe(true);
    expect(validate({ colour: 'red' })).toBe(false);
    expect(JSON.parse(runCli(['dna', 'schema', '--json'], home).stdout)).toEqual(printed);
    // It needs no database.
    expect(existsSync(join(home, 'db'))).toBe(false);
  });

  it('help texts point to the bundle format inside the repository', () => {
    const generate = runCli(['generate', '--help'], home);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toMatch(/docs\/dna-bundle\.md/);
    expect(generate.stdout).not.toMatch(/ARCHITECTURE|\.\.\/shared/);
    expect(existsSync(join(repoRoot, 'docs', 'dna-bundle.md'))).toBe(true);
    expect(runCli(['--help'], home).stdout).toMatch(/\bdna\b/);
  });

  it('a bad bundle’s hint points to the format in the repository', () => {
    const r = runCli(['generate', '--dna', join(repoRoot, 'package.json')], home);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hint: .*docs\/dna-bundle\.md/);
  });
});
