import { execFileSync } from 'node:child_process';
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../generator/paths.ts';

/**
 * A copy of the repository's sources in `dir` (sharing node_modules by a
 * symlink), for a test that edits templates or sections without touching the
 * checkout other tests read. With `git`, the copy is a repository with one
 * commit, so `--against HEAD` compares with the unedited files.
 */
const PARTS = [
  'generator',
  'sections',
  'templates',
  'themes',
  'scripts',
  'supabase',
  'astro.config.mjs',
  'package.json',
  'tsconfig.json',
  '.gitignore',
];

export function copyRepo(dir: string, options: { git?: boolean } = {}): string {
  for (const part of PARTS) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  if (options.git) {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
        cwd: dir,
        stdio: 'ignore',
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}
