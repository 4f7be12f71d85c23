import type { Queryable } from '../db/database.ts';
import { saveScores } from '../deploy/deployments.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { RunSpec } from '../score/lighthouse-run.ts';
import type { ScoreReport } from '../score/report.ts';
import { openScorer, type Scorer } from '../score/scorer.ts';

/**
 * The score stage: measures a built site (Lighthouse, HTML validity, axe,
 * links and assets, JSON-LD against the DNA, security headers, byte budgets;
 * see generator/score/README.md) and records the report on the founder's
 * `generated_websites` row. Opens its own scoring session unless given one.
 */
export interface ScoreSiteInput {
  dir: string;
  bundle: DnaBundle | null;
  scorer?: Scorer | undefined;
  runs?: RunSpec[] | undefined;
  onStep?: ((name: string, ms: number, detail?: string) => void) | undefined;
}

export async function scoreSite(input: ScoreSiteInput): Promise<ScoreReport> {
  const scorer = input.scorer ?? (await openScorer());
  try {
    return await scorer.score(input.dir, {
      bundle: input.bundle,
      ...(input.runs ? { runs: input.runs } : {}),
      ...(input.onStep ? { onStep: input.onStep } : {}),
    });
  } finally {
    if (!input.scorer) await scorer.close();
  }
}

export async function recordScore(tx: Queryable, websiteId: string, report: ScoreReport): Promise<void> {
  await saveScores(tx, websiteId, report);
}
