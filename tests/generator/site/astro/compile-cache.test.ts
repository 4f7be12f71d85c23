import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../generator/paths.ts';
import { cliEnv, tempHome } from '../../../helpers/cli.ts';

const module = join(repoRoot, 'generator', 'site', 'astro', 'compile-cache.ts');

/** Runs boundCompileCache(max) in a Node process with `cache` as its compile cache (none: without one). */
function bound(cache: string | undefined, max: number, stuffing = 0) {
  const script = `
    import { getCompileCacheDir } from 'node:module';
    import { mkdirSync, writeFileSync } from 'node:fs';
    import { boundCompileCache } from ${JSON.stringify(module)};
    const dir = getCompileCacheDir();
    if (dir) { mkdirSync(dir, { recursive: true }); for (let i = 0; i < ${stuffing}; i++) writeFileSync(dir + '/stale-' + i, 'x'); }
    console.log(JSON.stringify({ dir: dir ?? null, result: boundCompileCache(${max}) }));
  `;
  const file = join(mkdtempSync(join(tmpdir(), 'dreamseed-cc-')), 'bound.mjs');
  writeFileSync(file, script);
  const { NODE_COMPILE_CACHE: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [file], {
    encoding: 'utf8',
    env: cache ? { ...env, NODE_COMPILE_CACHE: cache } : env,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { dir: string | null; result: string };
}

describe('boundCompileCache', { timeout: 120_000 }, () => {
  it('keeps a cache within the bound, empties one over it, and does nothing without one', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dreamseed-cc-dir-'));
    const kept = bound(cache, 50, 20);
    expect(kept.result).toBe('kept');
    expect(readdirSync(kept.dir!).length).toBeGreaterThanOrEqual(20);
    const emptied = bound(cache, 50, 60);
    expect(emptied.result).toBe('emptied');
    expect(readdirSync(cache).filter((n) => n.includes('.emptied-'))).toEqual([]);
    expect(() => readdirSync(emptied.dir!)).toThrow(/ENOENT/);
    expect(bound(undefined, 50).result).toBe('off');
  });

  it('bounds the whole cache: the directories of other V8 flag sets and Node versions count and are emptied', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dreamseed-cc-dir-'));
    const other = join(cache, 'v22.0.0-x64-00000000-0');
    mkdirSync(other);
    for (let i = 0; i < 40; i++) writeFileSync(join(other, `old-${i}`), 'x');
    const kept = bound(cache, 50, 5);
    expect(kept.result).toBe('kept');
    expect(readdirSync(other)).toHaveLength(40);
    // 40 there and 20 in its own: over the bound together, though neither is alone.
    const emptied = bound(cache, 50, 20);
    expect(emptied.result).toBe('emptied');
    expect(readdirSync(cache)).toEqual([]);
  });

  it('a generate through the shim leaves a cache over the bound with only its own entries', () => {
    const home = tempHome();
    const cache = mkdtempSync(join(tmpdir(), 'dreamseed-cc-generate-'));
    const shim = join(repoRoot, 'dreamseed');
    const env = { ...cliEnv(home), NODE_COMPILE_CACHE: cache };
    // One run fills the cache with what the CLI and Astro compile, and finds the directory it uses.
    const first = spawnSync(shim, ['generate', '--dna', join(repoRoot, 'supabase/demo/bakery/dna.json')], {
      env,
      encoding: 'utf8',
    });
    expect(first.status, first.stderr).toBe(0);
    // One directory per V8 flag set: the command's, and the renderer's (its young-generation cap).
    const dirs = readdirSync(cache).map((d) => join(cache, d));
    expect(dirs.length).toBeGreaterThanOrEqual(1);
    expect(dirs.reduce((n, d) => n + readdirSync(d).length, 0)).toBeGreaterThan(100);
    // Stuffed past the bound over all its directories together (as thousands of builds' one-off bundles
    // would), the next run empties it.
    const each = Math.ceil(5001 / dirs.length);
    dirs.forEach((d, k) => {
      for (let i = 0; i < each; i++) writeFileSync(join(d, `stale-${k}-${i}`), 'x');
    });
    const second = spawnSync(shim, ['generate', '--dna', join(repoRoot, 'supabase/demo/bakery/dna.json')], {
      env,
      encoding: 'utf8',
    });
    expect(second.status, second.stderr).toBe(0);
    const after = readdirSync(cache).flatMap((d) => existsOrEmpty(join(cache, d)));
    expect(after.filter((n) => n.startsWith('stale-'))).toEqual([]);
    expect(after.length).toBeLessThan(5001);
  });
});

function existsOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
