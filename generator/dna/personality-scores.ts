/**
 * The three personality scores of `dream_dna_type` (risk_tolerance,
 * innovation_level, scale_ambition). The database keeps them as integers
 * 0–100; a classifier may send fractions 0–1 instead. A bundle may use either
 * scale, and the bundle parser (and the seed builder) turn them into 0–100
 * integers with one rule for the whole row:
 *
 * 1. Every given score must be a finite number from 0 to 100; anything else is
 *    an error naming the field ("140 is outside 0–1 and 0–100").
 * 2. When every given score is at most 1, the row is on the 0–1 scale: each is
 *    multiplied by 100 and rounded (0.72 → 72). So a row whose only scores are
 *    0 and 1 reads 1 as 100: a 0–100 classifier that gave nothing above 1 is
 *    far less likely than a 0–1 one. 0 is 0 on both scales.
 * 3. Otherwise the row is on the 0–100 scale: each is rounded (72.5 → 73).
 *    A fraction strictly between 0 and 1 in such a row means the scales were
 *    mixed, which is an error naming both fields.
 *
 * Scores read from the database are already 0–100 and are not rescaled.
 */
export const scoreNames = ['risk_tolerance', 'innovation_level', 'scale_ambition'] as const;
export type ScoreName = (typeof scoreNames)[number];

export const SCORE_RANGE_MESSAGE = 'is outside 0–1 and 0–100';

export interface ScoreProblem {
  field: ScoreName;
  message: string;
}

export type ScoreRow = Partial<Record<ScoreName, number | null | undefined>>;

/** The row's scores on 0–100 (integers), or the problems that make that impossible. */
export function normaliseScores(row: ScoreRow): { scores: ScoreRow; problems: ScoreProblem[] } {
  const given = scoreNames.filter((name) => row[name] !== null && row[name] !== undefined);
  const problems: ScoreProblem[] = [];
  for (const name of given) {
    const value = row[name] as number;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100)
      problems.push({ field: name, message: `${String(value)} ${SCORE_RANGE_MESSAGE}` });
  }
  if (problems.length) return { scores: row, problems };
  const fractions = given.every((name) => (row[name] as number) <= 1);
  if (!fractions) {
    const over = given.find((name) => (row[name] as number) > 1)!;
    for (const name of given) {
      const value = row[name] as number;
      if (value > 0 && value < 1)
        problems.push({
          field: name,
          message: `${value} reads as a 0–1 fraction, but ${over} is ${row[over]} on the 0–100 scale: give all three scores on one scale`,
        });
    }
    if (problems.length) return { scores: row, problems };
  }
  const scores: ScoreRow = { ...row };
  for (const name of given) {
    const value = row[name] as number;
    scores[name] = Math.round(fractions ? value * 100 : value);
  }
  return { scores, problems };
}
