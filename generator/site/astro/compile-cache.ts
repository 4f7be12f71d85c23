import { readdirSync, renameSync, rmSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Node's compile cache (set by the `./dreamseed` shim) keeps one entry per compiled file, written when
 * the process exits. Every build's page bundle is a set of new files (its own work folder), so each
 * `generate` added ~8 entries (~200 KB) that no run reads again: 29,000 entries and 339 MB on a busy
 * machine. The renderer calls this when it has answered.
 *
 * Node keeps one directory per Node version and V8 flag set under the cache's root, and the command and
 * its renderer run with different flags (the renderer's young-generation cap, renderer-process.ts), so
 * the root holds at least two; a Node upgrade leaves the old ones, which nothing reads again. The bound
 * is on the whole root: over MAX_ENTRIES (the CLI and Astro need ~2,000) every directory is emptied, and
 * the next runs write them afresh (one run compiles without the cache, ~50 ms slower).
 */
export const MAX_ENTRIES = 5000;

export function boundCompileCache(max = MAX_ENTRIES): 'kept' | 'emptied' | 'off' {
  const dir = getCompileCacheDir();
  if (!dir) return 'off';
  try {
    const root = dirname(dir);
    const dirs = readdirSync(root).filter((n) => !n.includes(EMPTIED));
    let entries = 0;
    for (const name of dirs) entries += entriesIn(join(root, name));
    if (entries <= max) return 'kept';
    // Emptied at once by a rename, then removed; a removal cut short (the process stopped, another run
    // emptying it at the same moment) is finished by the next one. Node checks an entry before using it:
    // a process reading the cache meanwhile compiles what it does not find.
    for (const name of dirs) {
      try {
        renameSync(join(root, name), join(root, `${name}${EMPTIED}${process.pid}`));
      } catch {} // gone already: another run emptied it
    }
    for (const name of readdirSync(root).filter((n) => n.includes(EMPTIED)))
      rmSync(join(root, name), { recursive: true, force: true });
    return 'emptied';
  } catch {
    return 'kept'; // best effort: the cache is an optimisation, and the next run tries again
  }
}

const EMPTIED = '.emptied-';

function entriesIn(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0; // a file, or removed meanwhile
  }
}
