import { existsSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';
import { MEASURING_FILES, YIELDING_NICE } from './lighthouse-files.ts';

it('the setup file is registered, and lowers the priority of a file that does not measure', () => {
  expect(readFileSync(join(repoRoot, 'vitest.config.ts'), 'utf8')).toContain(
    'tests/helpers/lighthouse-files.ts',
  );
  expect(getPriority()).toBeGreaterThanOrEqual(YIELDING_NICE);
});

it('every file listed as measuring exists', () => {
  for (const file of MEASURING_FILES) expect(existsSync(join(repoRoot, file)), file).toBe(true);
});
