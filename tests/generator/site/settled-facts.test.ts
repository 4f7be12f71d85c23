import { describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from '../../../generator/content/alternatives.ts';
import type { DnaBundle, DnaProbability } from '../../../generator/dna/schema.ts';
import { isSettled, settledFact } from '../../../generator/site/settled-facts.ts';
import { demoBundles } from '../../helpers/demo.ts';

/** The metadata states a fact only when the writers would not offer alternatives for it. */
const bundles = await demoBundles();
const wedding = bundles.get('wedding-photographer')!;

function withTagline(confidence: number | undefined, row?: Partial<DnaProbability>): DnaBundle {
  const field_confidence = { ...wedding.truth.field_confidence };
  if (confidence === undefined) delete field_confidence.tagline;
  else field_confidence.tagline = confidence;
  const others = wedding.probabilities.filter((p) => p.field_name !== 'tagline');
  return {
    ...wedding,
    truth: { ...wedding.truth, field_confidence },
    probabilities: row ? [...others, { field_name: 'tagline', ...row }] : others,
  };
}

describe('settled facts', () => {
  it('holds back the wedding photographer’s unconfirmed tagline (0.52, alternatives pending)', () => {
    expect(wedding.truth.tagline).toBeTruthy();
    expect(isSettled(wedding, 'tagline')).toBe(false);
    expect(settledFact(wedding, 'tagline')).toBeUndefined();
    expect(settledFact(wedding, 'primary_service')).toBe(wedding.truth.primary_service);
  });

  it('uses the writers’ bar (LOW_CONFIDENCE), inclusive', () => {
    expect(isSettled(withTagline(LOW_CONFIDENCE), 'tagline')).toBe(true);
    expect(isSettled(withTagline(LOW_CONFIDENCE - 0.01), 'tagline')).toBe(false);
  });

  it('takes the probability row’s confidence when the truth has none, and no confidence as settled', () => {
    expect(
      isSettled(withTagline(undefined, { primary_confidence: 0.4, user_confirmed: null }), 'tagline'),
    ).toBe(false);
    expect(isSettled(withTagline(undefined, { primary_confidence: 0.9 }), 'tagline')).toBe(true);
    expect(isSettled(withTagline(undefined), 'tagline')).toBe(true);
  });

  it('accepts any fact the founder confirmed or corrected, however low its confidence', () => {
    expect(isSettled(withTagline(0.3, { user_confirmed: true }), 'tagline')).toBe(true);
    expect(
      isSettled(withTagline(0.3, { user_confirmed: false, user_selected: 'alternative_1' }), 'tagline'),
    ).toBe(true);
  });

  it('gives nothing for a missing fact', () => {
    const none = { ...wedding, truth: { ...wedding.truth, location_city: null } };
    expect(settledFact(none, 'location_city')).toBeUndefined();
  });
});
