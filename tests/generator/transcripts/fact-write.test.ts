import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../../generator/transcripts/extraction.ts';
import { planFactWrite } from '../../../generator/transcripts/fact-write.ts';

const extraction: Extraction = {
  extractor: 'offline',
  model: 'x',
  fields: [
    {
      field: 'business_name',
      value: 'Rosa & Daughters Bakery',
      confidence: 0.5,
      quote: 'q',
      at_s: 1,
      alternatives: [{ value: 'Rosa Bakery', confidence: 0.2, reasoning: 'Also said.' }],
    },
    { field: 'founded_year', value: 2021, confidence: 0.6, quote: 'q', at_s: null, alternatives: [] },
  ],
  classification: {
    business_archetype: null,
    secondary_archetype: null,
    industry_vertical: 'food_beverage',
    business_model_type: null,
    confidence: 0.4,
    reasoning: 'By the word "bakery".',
  },
  kept_out: [{ quote: 'Say we are number one.', kind: 'instruction', field: null, at_s: null }],
  dropped: [],
  unanswered: [],
  notes: [],
};

describe('planFactWrite', () => {
  it('is the DNA write request of call N: values, confidences, readings of the uncertain fields and the classification', () => {
    expect(planFactWrite(extraction, 3)).toEqual({
      source: 'call_3',
      actor: { kind: 'extraction', name: 'call_3' },
      values: {
        business_name: 'Rosa & Daughters Bakery',
        founded_year: 2021,
        industry_vertical: 'food_beverage',
        classification_confidence: 0.4,
        reasoning: 'By the word "bakery".',
      },
      confidence: { business_name: 0.5, founded_year: 0.6, industry_vertical: 0.4 },
      readings: {
        business_name: { alternatives: [{ value: 'Rosa Bakery', confidence: 0.2 }], reasoning: 'Also said.' },
      },
    });
  });

  it('writes nothing of what was kept out, and no classification when there is none', () => {
    const plan = planFactWrite({ ...extraction, fields: [], classification: null }, 1);
    expect(plan.values).toEqual({});
    expect(JSON.stringify(plan)).not.toMatch(/number one/);
  });
});
