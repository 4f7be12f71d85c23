#!/usr/bin/env node
// One benchmark child: generates the given DNA bundles in this process (each `--dna FILE` in order,
// `--passes N` times) and prints one JSON line per generation: stage timings, wall time, RSS.
import { parseArgs } from 'node:util';
import { generateSite } from '../../generator/pipeline.ts';

const { values } = parseArgs({
  options: {
    dna: { type: 'string', multiple: true },
    out: { type: 'string' },
    passes: { type: 'string', default: '1' },
  },
});
const files = values.dna ?? [];
for (let pass = 1; pass <= Number(values.passes); pass++) {
  for (const file of files) {
    const started = performance.now();
    const summary = await generateSite({
      source: { kind: 'dna', file },
      outDir: `${values.out}/${summary_slug(file)}`,
    });
    const wall = performance.now() - started;
    process.stdout.write(
      `${JSON.stringify({ pass, slug: summary.founder.slug, wall_ms: Math.round(wall), timings_ms: summary.timings_ms, rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20), max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    );
  }
}

function summary_slug(file: string): string {
  return file.split('/').at(-2) ?? 'site';
}
