import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { generateSite, generateSiteDetailed } from '../../../generator/pipeline.ts';
import { buildSite } from '../../../generator/stages/build-site.ts';
import { demoBundlePath } from '../../helpers/demo.ts';
import { htmlFiles } from '../../helpers/html.ts';

const home = mkdtempSync(join(tmpdir(), 'dreamseed-determinism-'));
beforeAll(() => {
  process.env.DREAMSEED_HOME = home;
});

it('two builds of the same DNA are byte-identical', async () => {
  const a = await generateSite({
    source: { kind: 'dna', file: demoBundlePath('bakery') },
    outDir: join(home, 'a'),
  });
  const b = await generateSite({
    source: { kind: 'dna', file: demoBundlePath('bakery') },
    outDir: join(home, 'b'),
  });
  expect(a.build_hash).toBe(b.build_hash);
  for (const f of htmlFiles(join(home, 'a'))) {
    expect(readFileSync(join(home, 'b', f), 'utf8'), f).toBe(readFileSync(join(home, 'a', f), 'utf8'));
  }
});

it('a failed build leaves the previous build in place, whole', async () => {
  const outDir = join(home, 'keep');
  const { spec, brand } = await generateSiteDetailed({
    source: { kind: 'dna', file: demoBundlePath('yoga-studio') },
    outDir,
  });
  const before = htmlFiles(outDir).map((f) => readFileSync(join(outDir, f), 'utf8'));
  const broken = structuredClone(spec);
  broken.pages[0]!.sections[0]!.variant = 'no-such-variant';
  await expect(buildSite(broken, brand, outDir)).rejects.toMatchObject({ code: 'BUILD_FAILED' });
  expect(htmlFiles(outDir).map((f) => readFileSync(join(outDir, f), 'utf8'))).toEqual(before);
  expect(readdirSync(home).filter((n) => n.includes('.building-'))).toEqual([]);
});
