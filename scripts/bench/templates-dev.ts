#!/usr/bin/env node
// `templates dev` reload time: the dev server renders food-retail for the bakery, then the hero's component and
// definition are saved (touched) in turn; each time, from the save to the render being ready and announced.
// Then `templates grid` for one template × every demo founder (lint + builds, screenshots). Writes
// bench-results/templates-dev.{md,json}.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../generator/designers/dev-server.ts';
import { repoRoot } from '../../generator/paths.ts';
import { writeResults } from './results.ts';

const home = mkdtempSync(join(tmpdir(), 'ds-bench-dev-'));
process.env.DREAMSEED_HOME = home;
const RELOADS = 12;
const server = await startDevServer({
  selection: { template: 'food-retail', founder: 'bakery', palette: 0 },
  outDir: join(home, 'dev'),
});
const waitFor = async (seen: unknown) => {
  while (server.last() === seen || server.last() === null) await new Promise((r) => setTimeout(r, 5));
  return server.last()!;
};
const first = await waitFor(null);
const files = [
  join(repoRoot, 'sections', 'hero', 'banner.astro'),
  join(repoRoot, 'sections', 'hero', 'section.ts'),
];
const reloads: {
  file: string;
  save_to_ready_ms: number;
  render_ms: number;
  stages: Record<string, number>;
}[] = [];
for (let i = 0; i < RELOADS; i++) {
  const seen = server.last();
  const file = files[i % files.length]!;
  const started = performance.now();
  const now = new Date();
  utimesSync(file, now, now);
  const r = await waitFor(seen);
  if (!r.ok) throw new Error(`render failed: ${r.error.message}`);
  reloads.push({
    file: file.slice(repoRoot.length + 1),
    save_to_ready_ms: Math.round(performance.now() - started),
    render_ms: r.ms,
    stages: r.stages,
  });
}
await server.close();

const sorted = reloads.map((r) => r.save_to_ready_ms).sort((a, b) => a - b);
const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const gridStarted = performance.now();
execFileSync(
  process.execPath,
  [
    join(repoRoot, 'scripts', 'dreamseed.ts'),
    'templates',
    'grid',
    'food-retail',
    '--out',
    join(home, 'grid'),
    '--json',
  ],
  { cwd: repoRoot, env: { ...process.env, DREAMSEED_HOME: home }, stdio: ['ignore', 'ignore', 'inherit'] },
);
const gridMs = Math.round(performance.now() - gridStarted);
rmSync(home, { recursive: true, force: true });

const md = `# templates dev and grid

\`templates dev\`: food-retail for the bakery; the hero's \`banner.astro\` and \`section.ts\` saved in turn, ${RELOADS} times.
From the save to the new render being ready (and announced on /events):

| first render | median | p90 | min | max |
| --- | --- | --- | --- | --- |
| ${first.ms} ms | ${pick(0.5)} ms | ${pick(0.9)} ms | ${sorted[0]} ms | ${sorted.at(-1)} ms |

Per reload: ${reloads.map((r) => `${r.save_to_ready_ms}`).join(', ')} ms.

\`templates grid food-retail\` (every demo founder, phone and desktop, lint included): ${(gridMs / 1000).toFixed(1)} s.
`;
writeResults('templates-dev', md, {
  first_render_ms: first.ms,
  reloads,
  median_ms: pick(0.5),
  p90_ms: pick(0.9),
  grid_one_template_ms: gridMs,
});
