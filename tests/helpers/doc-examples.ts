import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';

/** The JSON code blocks (```json) of a file in docs/, parsed, with the line each starts on. */
export function docExamples(file: string): { json: unknown; line: number }[] {
  const text = readFileSync(join(repoRoot, 'docs', file), 'utf8');
  const out: { json: unknown; line: number }[] = [];
  for (const m of text.matchAll(/^```json\n([\s\S]*?)^```$/gm)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ json: JSON.parse(m[1]!), line });
  }
  return out;
}
