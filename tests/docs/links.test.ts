import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/paths.ts';

/**
 * The README and docs/ point only to files that exist in the repository: every
 * relative Markdown link (resolved from the document) and every repo path in
 * inline code (resolved from the root). Paths with placeholders (`<slug>`,
 * `*`, `…`) name a pattern, not a file, and are skipped.
 */
const documents = [
  'README.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const TOP_LEVEL =
  /^(?:generator|supabase|templates|sections|themes|scripts|tests|docs|\.ci)\/|^(?:astro\.config\.mjs|package\.json|biome\.json|tsconfig\.json|vitest\.config\.ts|README\.md)$/;
const PLACEHOLDER = /[<>*…{}]|\.\.\./;

function references(file: string): { target: string; from: string; kind: 'link' | 'code' }[] {
  const text = readFileSync(join(repoRoot, file), 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  const out: { target: string; from: string; kind: 'link' | 'code' }[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!.split('#')[0]!;
    if (!target || /^[a-z]+:/i.test(target)) continue;
    out.push({ target: resolve(repoRoot, dirname(file), target), from: m[1]!, kind: 'link' });
  }
  for (const m of text.matchAll(/`([^`\n]+)`/g)) {
    for (const word of m[1]!.split(/\s+/)) {
      const path = word.replace(/[),.;:]+$/, '').replace(/\/$/, '');
      if (!TOP_LEVEL.test(word) || PLACEHOLDER.test(path)) continue;
      out.push({ target: resolve(repoRoot, path), from: word, kind: 'code' });
    }
  }
  return out;
}

it('finds the repository paths the documents mention', () => {
  for (const file of ['README.md', 'docs/ARCHITECTURE.md', 'docs/dna-bundle.md'])
    expect(references(file).length, file).toBeGreaterThan(5);
});

describe.each(documents)('%s', (file) => {
  const refs = references(file);

  it('points only to files that exist inside the repository', () => {
    const broken = refs.filter((r) => !existsSync(r.target) || relative(repoRoot, r.target).startsWith('..'));
    expect(broken.map((r) => `${r.kind} ${r.from}`)).toEqual([]);
  });
});
