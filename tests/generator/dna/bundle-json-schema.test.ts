import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { bundleJsonSchema } from '../../../generator/dna/bundle-json-schema.ts';
import { demoBundlePath, demoSlugs } from '../../helpers/demo.ts';
import { docExamples } from '../../helpers/doc-examples.ts';

/** The bundle's JSON Schema, checked with a real JSON Schema validator (Ajv, draft 2020-12). */
const schema = bundleJsonSchema();
const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

describe('the DNA bundle JSON Schema', () => {
  it('is draft 2020-12 and names the format', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('DreamSeed DNA bundle');
    expect(schema.description).toMatch(/docs\/dna-bundle\.md/);
  });

  it.each(demoSlugs)('accepts the demo founder %s', (slug) => {
    const bundle = JSON.parse(readFileSync(demoBundlePath(slug), 'utf8'));
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts every example in docs/dna-bundle.md', () => {
    const examples = docExamples('dna-bundle.md');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const { json, line } of examples) expect(validate(json), `example at line ${line}`).toBe(true);
  });

  it.each([
    ['a bundle with no business name', {}],
    ['a blank business name', { users: { business_name: ' ' } }],
    ['an unknown top-level key', { users: { business_name: 'X' }, colour: 'red' }],
    ['an unknown truth key', { dream_dna_truth: { business_name: 'X', nonsense: 1 } }],
    ['a score above 100', { users: { business_name: 'X' }, dream_dna_type: { risk_tolerance: 140 } }],
    ['a blank label', { users: { business_name: 'X' }, dream_dna_type: { industry_vertical: '' } }],
    ['a slug that is not kebab-case', { users: { business_name: 'X', slug: 'Not Kebab' } }],
  ])('refuses %s', (_what, bundle) => expect(validate(bundle)).toBe(false));

  it('accepts what the parser accepts that a closed list would not: unknown labels, 0–1 scores, no ids', () => {
    const bundle = {
      users: { business_name: 'Northside' },
      dream_dna_truth: { extraction_source: 'phone_interview' },
      dream_dna_type: {
        business_archetype: 'craftsman',
        industry_vertical: 'Boutique Fitness',
        risk_tolerance: 0.4,
      },
    };
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
  });
});
