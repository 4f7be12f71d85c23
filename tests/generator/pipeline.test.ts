import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { generateSite } from '../../generator/pipeline.ts';
import { demoBundlePath } from '../helpers/demo.ts';

it('says when a page shows only what the DNA holds, and which facts it needs', {
  timeout: 60_000,
}, async () => {
  const home = mkdtempSync(join(tmpdir(), 'ds-pipeline-'));
  process.env.DREAMSEED_HOME = home;
  const original = demoBundlePath('bakery');
  const raw = JSON.parse(readFileSync(original, 'utf8'));
  raw.dream_dna_truth = { business_name: raw.dream_dna_truth.business_name };
  // Media paths are relative to the bundle file.
  for (const m of raw.media_assets) m.file = relative(home, join(dirname(original), m.file));
  const file = join(home, 'name-only.json');
  writeFileSync(file, JSON.stringify(raw));
  const summary = await generateSite({ source: { kind: 'dna', file }, outDir: join(home, 'site') });
  expect(summary.warnings).toContainEqual(
    expect.stringMatching(
      /^\/ shows only what the DNA holds so far: it needs primary_service\. Add it to the DNA/,
    ),
  );

  const full = await generateSite({ source: { kind: 'dna', file: original }, outDir: join(home, 'full') });
  expect(full.warnings.filter((w) => /nothing to show|only what the DNA holds/.test(w))).toEqual([]);
});
