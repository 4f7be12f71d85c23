import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';

/** Writes a benchmark's results to bench-results/<name>.md and <name>.json, and prints the Markdown. */
export function writeResults(name: string, md: string, data: unknown): void {
  const dir = join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), md);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  process.stdout.write(md);
  process.stderr.write(`bench ${name}: written to bench-results/${name}.md and ${name}.json\n`);
}
