import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';

/** Writes one benchmark's report to bench-results/<name>.md and its figures to <name>.json, and prints the report. */
export function writeResults(name: string, md: string, figures: unknown): void {
  const dir = join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), md);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(md);
  process.stderr.write(`bench: written to bench-results/${name}.md and ${name}.json\n`);
}
