import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { generateSiteDetailed } from '../../../../generator/pipeline.ts';
import type { SiteSpec } from '../../../../generator/site/spec.ts';
import { demoBundlePath } from '../../../helpers/demo.ts';
import { scratchFolders } from '../../../helpers/scratch.ts';

/**
 * Registers a suite's hooks: the bakery's site spec, built once from its demo bundle (offline copy) in a
 * state folder of the suite's own, is handed to `use` before the tests; the folder goes, and
 * DREAMSEED_HOME is what it was, after them.
 */
export function useBakerySpec(prefix: string, use: (spec: SiteSpec) => void): void {
  const home = scratchFolders()(prefix);
  const before = process.env.DREAMSEED_HOME;
  beforeAll(async () => {
    process.env.DREAMSEED_HOME = home;
    const { spec } = await generateSiteDetailed({
      source: { kind: 'dna', file: demoBundlePath('bakery') },
      outDir: join(home, 'site'),
    });
    use(spec);
  }, 120_000);
  afterAll(() => {
    if (before === undefined) delete process.env.DREAMSEED_HOME;
    else process.env.DREAMSEED_HOME = before;
  });
}
