import { describe, expect, it } from 'vitest';
import {
  classifierFields,
  fieldInfo,
  parseAssignments,
  typeFields,
  validateFacts,
  writableFields,
} from '../../../generator/dna/fact-fields.ts';
import { factFields, typeSchema } from '../../../generator/dna/schema.ts';

/** `FIELD=VALUE` as people type it, read by what the DNA schema says the field holds, and checked field by field. */
describe('DNA fields a person may set', () => {
  it('are the facts and the classification, not bookkeeping or the classifier’s own record', () => {
    expect(writableFields).toEqual([...factFields, ...typeFields]);
    expect(typeFields).toContain('business_archetype');
    expect(typeFields).not.toContain('validated_fields');
    for (const f of classifierFields) expect(typeFields).not.toContain(f);
    // Every type column is either settable, the classifier's, or bookkeeping.
    const bookkeeping = ['id', 'user_id', 'validated_fields', 'created_at', 'updated_at'];
    expect(
      Object.keys(typeSchema.shape).filter(
        (k) => ![...typeFields, ...classifierFields, ...bookkeeping].includes(k as never),
      ),
    ).toEqual([]);
    expect(fieldInfo('services')).toMatchObject({ table: 'dream_dna_truth', kind: 'json' });
    expect(fieldInfo('founded_year')).toMatchObject({ table: 'dream_dna_truth', kind: 'number' });
    expect(fieldInfo('risk_tolerance')).toMatchObject({ table: 'dream_dna_type', kind: 'number' });
    expect(fieldInfo('tagline')).toMatchObject({ table: 'dream_dna_truth', kind: 'text' });
    expect(fieldInfo('version')).toBeUndefined();
  });

  it('reads text as typed (trimmed), numbers as numbers, lists as JSON, and an empty value as clearing', () => {
    expect(
      parseAssignments([
        'tagline=  Bread, baked = daily. ',
        'founded_year=2019',
        'services=[{"name":"Loaf","price":9}]',
        'founder_story=',
      ]),
    ).toEqual({
      tagline: 'Bread, baked = daily.',
      founded_year: 2019,
      services: [{ name: 'Loaf', price: 9 }],
      founder_story: null,
    });
  });

  it('names every problem at once, each with its field', () => {
    const error = (() => {
      try {
        parseAssignments([
          'tagline',
          'faqs=[{"question":"Why?"}]',
          'credentials=not json',
          'tagline=once',
          'tagline=twice',
          'reasoning=mine',
        ]);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/"tagline": write FIELD=VALUE/);
    expect(error?.message).toMatch(/faqs\.0\.answer: /);
    expect(error?.message).toMatch(/credentials: is not valid JSON; give a JSON list, e\.g\. credentials=/);
    expect(error?.message).toMatch(/tagline: is given twice/);
    expect(error?.message).toMatch(/reasoning: is not a DNA field you can set/);
  });

  it('validates typed values with the DNA schemas', () => {
    expect(validateFacts({ contact_email: 'hello@example.com', risk_tolerance: 40 })).toEqual({
      contact_email: 'hello@example.com',
      risk_tolerance: 40,
    });
    expect(() => validateFacts({ risk_tolerance: 140 })).toThrow(/risk_tolerance: /);
    expect(() => validateFacts({ website_url: 'ftp://example.com' })).toThrow(/website_url: /);
  });
});
