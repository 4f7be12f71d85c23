import { describe, expect, it } from 'vitest';
import { callQuality } from '../../../generator/transcripts/call-quality.ts';
import { readTranscript } from '../../../generator/transcripts/read-transcript.ts';

const long =
  'We bake bread every morning for the neighbours and four cafés in the West End, and we close the doors when we sell out, which is most Saturdays.';

describe('callQuality', () => {
  it('is 1 when every word is in a recognised turn and audible', () => {
    expect(callQuality(readTranscript(`AI: Tell me about it.\nFounder: ${long}`, 'q')).quality).toBe(1);
  });

  it('counts text before the first label and inaudible marks against it', () => {
    const r = callQuality(
      readTranscript(
        `Recording started by Zoom\nAI: Tell me about it.\nFounder: ${long} [inaudible] and then [crosstalk]`,
        'q',
      ),
    );
    expect(r.unattributedWords).toBe(4);
    expect(r.inaudibleMarks).toBe(2);
    // The attributed words against 4 unattributed + 2 × 5 lost.
    expect(r.quality).toBeCloseTo(r.attributedWords / (r.attributedWords + 14), 3);
    expect(r.quality).toBeLessThan(0.85);
  });

  it('caps a call where the founder says almost nothing at 0.5', () => {
    const r = callQuality(
      readTranscript(
        'AI: What is your business called, and who is it for, and where?\nFounder: Not sure.',
        'q',
      ),
    );
    expect(r.founderWords).toBe(2);
    expect(r.quality).toBe(0.5);
  });
});
