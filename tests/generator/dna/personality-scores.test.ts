import { describe, expect, it } from 'vitest';
import { normaliseScores } from '../../../generator/dna/personality-scores.ts';

describe('normaliseScores', () => {
  it('reads a row whose scores are all at most 1 as fractions of 100', () => {
    expect(normaliseScores({ risk_tolerance: 0.4, innovation_level: 0.555, scale_ambition: 1 })).toEqual({
      scores: { risk_tolerance: 40, innovation_level: 56, scale_ambition: 100 },
      problems: [],
    });
    // A lone 1 or 0 is read on the 0–1 scale too: 1 is 100, 0 is 0 on both.
    expect(normaliseScores({ risk_tolerance: 1 }).scores).toEqual({ risk_tolerance: 100 });
    expect(normaliseScores({ scale_ambition: 0 }).scores).toEqual({ scale_ambition: 0 });
  });

  it('keeps a 0–100 row, rounded to whole numbers', () => {
    expect(normaliseScores({ risk_tolerance: 35, innovation_level: 72.5, scale_ambition: 1 })).toEqual({
      scores: { risk_tolerance: 35, innovation_level: 73, scale_ambition: 1 },
      problems: [],
    });
    expect(normaliseScores({ risk_tolerance: 0, innovation_level: 100 }).scores).toEqual({
      risk_tolerance: 0,
      innovation_level: 100,
    });
  });

  it('leaves missing scores missing', () => {
    expect(normaliseScores({ risk_tolerance: null, innovation_level: 0.5 }).scores).toEqual({
      risk_tolerance: null,
      innovation_level: 50,
    });
    expect(normaliseScores({})).toEqual({ scores: {}, problems: [] });
  });

  it('names every score outside both scales', () => {
    expect(
      normaliseScores({ risk_tolerance: 140, innovation_level: -1, scale_ambition: Number.NaN }).problems,
    ).toEqual([
      { field: 'risk_tolerance', message: '140 is outside 0–1 and 0–100' },
      { field: 'innovation_level', message: '-1 is outside 0–1 and 0–100' },
      { field: 'scale_ambition', message: 'NaN is outside 0–1 and 0–100' },
    ]);
    expect(normaliseScores({ risk_tolerance: Number.POSITIVE_INFINITY }).problems).toHaveLength(1);
  });

  it('refuses a row that mixes the scales, naming both fields', () => {
    const { problems } = normaliseScores({ risk_tolerance: 0.4, innovation_level: 70 });
    expect(problems).toEqual([
      {
        field: 'risk_tolerance',
        message: expect.stringMatching(/0\.4 reads as a 0–1 fraction, but innovation_level is 70/),
      },
    ]);
  });
});
