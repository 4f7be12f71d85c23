import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { generateSite } from '../../generator/pipeline.ts';
import { inProcessRenderer, type PageRenderer } from '../../generator/site/astro/render-pages.ts';
import { componentsOf } from '../../generator/site/astro/spec-integration.ts';
import { demoBundlePath } from '../helpers/demo.ts';

const original = demoBundlePath('bakery');

/** A home of its own (DREAMSEED_HOME), and the bakery's bundle there with only the business name. */
function nameOnlyBakery(prefix: string): { home: string; file: string } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  process.env.DREAMSEED_HOME = home;
  const raw = JSON.parse(readFileSync(original, 'utf8'));
  raw.dream_dna_truth = { business_name: raw.dream_dna_truth.business_name };
  // Media paths are relative to the bundle file.
  for (const m of raw.media_assets) m.file = relative(home, join(dirname(original), m.file));
  const file = join(home, 'name-only.json');
  writeFileSync(file, JSON.stringify(raw));
  return { home, file };
}

it('says when a page shows only what the DNA holds, and which facts it needs', {
  timeout: 60_000,
}, async () => {
  const { home, file } = nameOnlyBakery('ds-pipeline-');
  const summary = await generateSite({ source: { kind: 'dna', file }, outDir: join(home, 'site') });
  expect(summary.warnings).toContainEqual(
    expect.stringMatching(
      /^\/ shows only what the DNA holds so far: it needs primary_service\. Add it to the DNA/,
    ),
  );

  const full = await generateSite({ source: { kind: 'dna', file: original }, outDir: join(home, 'full') });
  expect(full.warnings.filter((w) => /nothing to show|only what the DNA holds/.test(w))).toEqual([]);
});

it('tells the renderer which components the pages show before the spec, exactly the spec’s own', {
  timeout: 60_000,
}, async () => {
  const { home, file: nameOnly } = nameOnlyBakery('ds-pipeline-shows-');
  for (const [n, file] of [original, nameOnly].entries()) {
    const events: string[][] = [];
    const here = inProcessRenderer();
    const renderer: PageRenderer = {
      shows: (components) => events.push(['shows', ...components]),
      render: (spec) => {
        events.push(['render', ...componentsOf(spec)]);
        return here.render(spec);
      },
    };
    await generateSite({ source: { kind: 'dna', file }, outDir: join(home, `site-${n}`), renderer });
    expect(
      events.map((e) => e[0]),
      file,
    ).toEqual(['shows', 'render']);
    expect(events[0]!.slice(1), file).toEqual(events[1]!.slice(1));
    expect(events[0]!.length, file).toBeGreaterThan(3);
  }
});
