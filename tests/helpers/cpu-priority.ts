import { setPriority } from 'node:os';
import { relative } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';

/**
 * A setup file (vitest.config.ts): test files that do not measure a page with
 * Lighthouse run at a lower CPU priority (nice 10), and so do the processes
 * they start. Lighthouse counts every millisecond of the page's main thread
 * as the page's own work (and multiplies it by its 4× CPU slowdown), so a
 * site build in the other test worker made a page that ships no JavaScript
 * measure mobile performance 90–93. At nice 10 that work still runs whenever
 * a core is free; it only gives way while a measuring file wants the CPU.
 *
 * Only raising the nice value is allowed without privileges, so the files
 * that measure are listed here and keep the priority they started with.
 */
export const MEASURING_FILES = [
  'tests/generator/score/publish-gate.test.ts',
  'tests/generator/score/scorer.test.ts',
  'tests/generator/score/templates.test.ts',
  'tests/generator/studio/end-to-end.test.ts',
  'tests/scripts/dreamseed-publish.test.ts',
  'tests/scripts/dreamseed-worker.test.ts',
];

export const YIELDING_NICE = 10;

const testPath = expect.getState().testPath;
if (testPath && !MEASURING_FILES.includes(relative(repoRoot, testPath))) setPriority(YIELDING_NICE);
