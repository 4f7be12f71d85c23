import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';

/**
 * The floors of docs/ARCHITECTURE.md ("Inside generator/"): a module imports
 * only from its own floor or the floors below. Listed from the top; the first
 * pattern a path matches gives its floor. Every source file must have one, so a
 * new folder is placed here (and in the document) when it is made.
 */
const FLOORS: [number, RegExp][] = [
  [12, /^scripts\//],
  [11, /^generator\/cli\//],
  // The studio's pages use the HTTP server's app and auth; the server runs the pipeline and the queue.
  [10.8, /^generator\/studio\//],
  [10.7, /^generator\/server\//],
  // Automatic builds run the pipeline, and the CLI runs them.
  [10.5, /^generator\/jobs\//],
  // The designers' toolkit (lint, scaffolds, templates dev and grid) renders with the pipeline and its stages; the CLI runs it.
  [10.2, /^generator\/designers\//],
  [10, /^generator\/pipeline\.ts$/],
  [9, /^generator\/stages\//],
  [8, /^generator\/(score|deploy|files|brand|media|transcripts|founders)\/|^generator\/config\.ts$/],
  // A section's Astro variants and the parts they share render with the site's own components.
  [7, /^generator\/site\/|^sections\/[^/]+\/[^/]+\.astro$|^sections\/_shared\//],
  [6, /^generator\/writers\//],
  [5, /^generator\/content\/|^sections\/|^templates\/|^themes\//],
  [4, /^generator\/catalog\//],
  [3, /^generator\/dna\//],
  [2, /^generator\/db\//],
  [1, /^generator\/(errors|error-catalogue|paths|words|pid)\.ts$/],
];
const ROOTS = ['scripts', 'generator', 'sections', 'templates', 'themes'];

function floorOf(path: string): number | undefined {
  return FLOORS.find(([, pattern]) => pattern.test(path))?.[0];
}

function sources(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|astro)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f).split('\\').join('/'));
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

const files = ROOTS.flatMap(sources);

it('places every source file on a floor', () => {
  expect(files.filter((f) => floorOf(f) === undefined)).toEqual([]);
});

it('has no module importing from a floor above its own', () => {
  const upward: string[] = [];
  for (const file of files) {
    const from = floorOf(file)!;
    for (const m of readFileSync(join(repoRoot, file), 'utf8').matchAll(IMPORT)) {
      const target = relative(repoRoot, normalize(join(repoRoot, dirname(file), m[1] ?? m[2]!)))
        .split('\\')
        .join('/');
      const to = floorOf(target);
      if (to !== undefined && to > from) upward.push(`${file} (floor ${from}) → ${target} (floor ${to})`);
    }
  }
  expect(upward).toEqual([]);
});
