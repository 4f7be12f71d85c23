import { type Transcript, wordCount } from './transcript.ts';

/**
 * `transcripts_raw.call_quality` (0–1): how much of what was said reached us
 * attributed to a speaker we recognised and audible. It is the share of
 * words in recognised speaker turns among all words, where text that no
 * speaker could be given counts against it, and each `[inaudible]`-style
 * marker counts as five words we did not get (a short phrase lost). A call
 * in which the founder says fewer than twenty words gets at most 0.5: too
 * little was said to read much from it. It says nothing about whether the
 * answers are good, only whether the words are usable.
 */
export const LOST_WORDS_PER_MARK = 5;
export const FEW_FOUNDER_WORDS = 20;

export interface QualityReading {
  quality: number;
  attributedWords: number;
  unattributedWords: number;
  inaudibleMarks: number;
  founderWords: number;
}

export function callQuality(t: Transcript): QualityReading {
  const attributedWords = t.turns.reduce((n, turn) => n + wordCount(turn.text), 0);
  const founderWords = t.turns
    .filter((turn) => turn.role === 'founder')
    .reduce((n, turn) => n + wordCount(turn.text), 0);
  const lost = t.unattributedWords + LOST_WORDS_PER_MARK * t.inaudibleMarks;
  let quality = attributedWords + lost === 0 ? 0 : attributedWords / (attributedWords + lost);
  if (founderWords < FEW_FOUNDER_WORDS) quality = Math.min(quality, 0.5);
  return {
    quality: Math.round(quality * 1000) / 1000,
    attributedWords,
    unattributedWords: t.unattributedWords,
    inaudibleMarks: t.inaudibleMarks,
    founderWords,
  };
}
