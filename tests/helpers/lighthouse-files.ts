import { setPriority } from 'node:os';
import { relative } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';

/**
 * A setup file (vitest.config.ts) that treats the test files running real Lighthouse differently from the
 * rest. The one list below decides both.
 *
 * - **Their performance bar is 50.** The performance score is a timing: Lighthouse multiplies this
 *   machine's main-thread time by its 4× CPU slowdown, and on the 2-core VM the same page measured
 *   77–100 depending on what else ran. The project's rules keep speed targets out of tests. These files
 *   assert what does not depend on the machine: the other three categories at 100, and no performance
 *   audit outside `TIMING_AUDITS` failing. A bar of 50 still fails a page that gained real weight.
 *   `npm run bench` measures the product's bar of 95 on every template (`scripts/bench/lighthouse.ts`).
 *   The variable reaches the CLI processes these files start, as their whole environment does.
 * - **Every other file runs at nice 10, and so do the processes it starts.** A site build in the other
 *   test worker made a page that ships no JavaScript measure mobile performance 90–93. At nice 10 that
 *   work still runs whenever a core is free; it only gives way while a measuring file wants the CPU.
 *   Only raising the nice value is allowed without privileges, so the measuring files are the ones
 *   listed and keep the priority they started with.
 */
export const MEASURING_FILES = [
  'tests/generator/score/publish-gate.test.ts',
  'tests/generator/score/scorer.test.ts',
  'tests/generator/score/templates.test.ts',
  'tests/generator/studio/end-to-end.test.ts',
  'tests/scripts/dreamseed-publish.test.ts',
  'tests/scripts/dreamseed-worker.test.ts',
];

export const TEST_PERFORMANCE_MIN = '50';
export const YIELDING_NICE = 10;

const testPath = expect.getState().testPath;
if (testPath) {
  if (MEASURING_FILES.includes(relative(repoRoot, testPath))) {
    process.env.DREAMSEED_PERFORMANCE_MIN = TEST_PERFORMANCE_MIN;
  } else {
    setPriority(YIELDING_NICE);
  }
}
