import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errors } from '../errors.ts';
import { repoRoot } from '../paths.ts';
import type { CellBuild, GridPair } from './grid-build.ts';
import { cellDir } from './grid-build.ts';
import { siteBytes } from './site-bytes.ts';

/**
 * `templates grid --against REV`: the other revision's own generator, catalogue
 * and demo founders, extracted with `git archive` into a temporary folder that
 * shares this checkout's node_modules, build the "before" side in one child
 * process (its pipeline, so what changed in the generator shows too).
 */
export function resolveRevision(rev: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch {
    throw errors.usage(
      `--against: "${rev}" is not a commit of this repository.`,
      'Give a branch, tag or commit (`git log --oneline` lists them).',
    );
  }
}

export function extractRevision(commit: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dreamseed-grid-rev-'));
  const archive = join(dir, '.rev.tar');
  execFileSync('git', ['archive', '--format=tar', '-o', archive, commit], { cwd: repoRoot });
  execFileSync('tar', ['-xf', archive, '-C', dir]);
  rmSync(archive);
  if (!existsSync(join(dir, 'node_modules')))
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const DRIVER = `// Written by \`dreamseed templates grid --against\`: builds pairs with this revision's pipeline.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [pairsFile, resultFile] = process.argv.slice(2);
const { generateSite } = await import('./generator/pipeline.ts');
const jobs = JSON.parse(readFileSync(pairsFile, 'utf8'));
const out = [];
for (const job of jobs) {
  const started = performance.now();
  try {
    await generateSite({ source: { kind: 'dna', file: join(import.meta.dirname, 'supabase', 'demo', job.founder, 'dna.json') },
      template: job.template, palette: 0, outDir: job.dir, writer: 'offline' });
    out.push({ ...job, ok: true, ms: Math.round(performance.now() - started), error: null });
  } catch (error) {
    out.push({ ...job, ok: false, ms: Math.round(performance.now() - started), error: String(error?.message ?? error) });
  }
}
writeFileSync(resultFile, JSON.stringify(out));
`;

export async function buildRevisionCells(
  tree: string,
  pairs: GridPair[],
  root: string,
): Promise<CellBuild[]> {
  mkdirSync(root, { recursive: true });
  const pairsFile = join(tree, '.grid-pairs.json');
  const resultFile = join(tree, '.grid-result.json');
  const driver = join(tree, '.grid-build.ts');
  writeFileSync(driver, DRIVER);
  writeFileSync(pairsFile, JSON.stringify(pairs.map((p) => ({ ...p, dir: cellDir(root, p) }))));
  const stderr: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [driver, pairsFile, resultFile], {
      cwd: tree,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d) => stderr.push(String(d)));
    child.on('close', resolve);
  });
  if (code !== 0 || !existsSync(resultFile))
    throw errors.usage(
      `The other revision could not build its sites (exit ${code}): ${stderr.join('').slice(-800)}`,
      'Pick a revision whose `generate --dna … --template …` works, or fix it there.',
    );
  const results = JSON.parse(
    await import('node:fs/promises').then((f) => f.readFile(resultFile, 'utf8')),
  ) as (GridPair & {
    dir: string;
    ok: boolean;
    ms: number;
    error: string | null;
  })[];
  return results.map((r) => ({
    template: r.template,
    founder: r.founder,
    dir: r.dir,
    ok: r.ok,
    ms: r.ms,
    bytes: r.ok ? siteBytes(r.dir) : null,
    error: r.error ? { message: r.error, file: null, line: null, column: null } : null,
  }));
}
