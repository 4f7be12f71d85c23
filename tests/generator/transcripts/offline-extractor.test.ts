import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractOffline } from '../../../generator/transcripts/offline-extractor.ts';
import { readTranscript } from '../../../generator/transcripts/read-transcript.ts';
import { verifyExtraction } from '../../../generator/transcripts/verify-extraction.ts';
import { CALLS, mismatch } from './fixtures/expected.ts';
import { HELD_OUT } from './fixtures/held-out.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const ALLOWED_EXTRA = new Set(['currency', 'location_region']);

function extract(file: string) {
  const t = readTranscript(readFileSync(join(FIXTURES, file)), file);
  return verifyExtraction(extractOffline(t), t);
}

describe('offline extractor on the test consultations', () => {
  const totals = { expected: 0, correct: 0, extra: 0 };
  for (const c of [...CALLS, ...HELD_OUT]) {
    it(`${c.slug} call ${c.call} (${c.file}) gives the expected facts and nothing else`, () => {
      const e = extract(c.file);
      const got = new Map(e.fields.map((f) => [f.field, f]));
      const problems: string[] = [];
      for (const [field, matcher] of Object.entries(c.expect)) {
        totals.expected++;
        const f = got.get(field as never);
        const why = f ? mismatch(f.value, matcher) : 'not extracted';
        if (why) problems.push(`${field}: ${why}`);
        else totals.correct++;
      }
      for (const f of e.fields)
        if (!(f.field in c.expect) && !ALLOWED_EXTRA.has(f.field)) {
          totals.extra++;
          problems.push(
            `${f.field}: extracted but not said in answer to a question about it (${JSON.stringify(f.value)})`,
          );
        }
      expect(problems).toEqual([]);
      // Every quote is the founder's words, and every confidence is honest: below certainty.
      for (const f of e.fields) {
        expect(f.quote.length, f.field).toBeGreaterThan(0);
        expect(f.confidence, f.field).toBeGreaterThan(0);
        expect(f.confidence, f.field).toBeLessThanOrEqual(0.8);
      }
      expect(e.fields.some((f) => f.field === ('testimonials' as never))).toBe(false);
    });
  }
  it('reports its accuracy over all calls', () => {
    // Printed for the record (the per-call tests above are what must pass).
    console.info(
      `offline extraction: ${totals.correct}/${totals.expected} expected facts, ${totals.extra} extra`,
    );
    expect(totals.expected).toBe(81);
  });
});

describe('the offline extractor never guesses', () => {
  it('fills nothing from a call that asks nothing it knows', () => {
    const t = readTranscript(
      'AI: How was your weekend?\nFounder: Lovely, we went to the coast and ate far too much.',
      'chat',
    );
    const e = extractOffline(t);
    expect(e.fields).toEqual([]);
    expect(e.classification).toBeNull();
  });

  it('gives no value for "not yet" and lists the field as unanswered', () => {
    const t = readTranscript(
      'AI: Do you have a slogan?\nFounder: No, not yet.\nAI: What is your email?\nFounder: We do not have one yet.',
      'none',
    );
    const e = extractOffline(t);
    expect(e.fields).toEqual([]);
    expect(e.unanswered).toEqual(['contact_email', 'tagline']);
  });

  it('does not split one question about two descriptive fields', () => {
    const t = readTranscript(
      'AI: Who are your customers, and what makes you different?\nFounder: Families nearby. We bake everything the same morning.',
      'two',
    );
    const e = extractOffline(t);
    expect(e.fields.map((f) => f.field)).toEqual([]);
    expect(e.unanswered).toEqual(['how_different', 'who_serves']);
  });

  it('keeps a backchannel answer together, and takes the later of two answers with the earlier as an alternative', () => {
    const t = readTranscript(
      [
        'AI: What is the business called?',
        'Founder: Northside Strength.',
        'AI: Mm-hm.',
        'Founder: Sorry, no: Northside Strength Club, with Club.',
        'AI: What is the business called, once more?',
        'Founder: Northside Strength Club.',
      ].join('\n'),
      'names',
    );
    const e = extractOffline(t);
    const name = e.fields.find((f) => f.field === 'business_name')!;
    expect(name.value).toBe('Northside Strength Club');
    expect(name.alternatives.map((a) => a.value)).toContain('Northside Strength');
  });
});
