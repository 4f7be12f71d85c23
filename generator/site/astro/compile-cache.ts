import { readdirSync, renameSync, rmSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Node's compile cache (set by the `./dreamseed` shim) keeps one entry per compiled file, written when
 * the process exits. Every build's page bundle is a set of new files (its own work folder), so each
 * `generate` added ~8 entries (~200 KB) that no run reads again: 29,000 entries and 339 MB on a busy
 * machine. The renderer calls this when it has answered: over MAX_ENTRIES (the CLI and Astro need ~2,000)
 * the cache is emptied, and the next runs write it afresh (one run compiles without it, ~50 ms slower).
 */
export const MAX_ENTRIES = 5000;

export function boundCompileCache(max = MAX_ENTRIES): 'kept' | 'emptied' | 'off' {
  const dir = getCompileCacheDir();
  if (!dir) return 'off';
  try {
    if (readdirSync(dir).length <= max) return 'kept';
    // Emptied at once by a rename, then removed; a removal cut short (the process stopped, another run
    // emptying it at the same moment) is finished by the next one. Node checks an entry before using it:
    // a process reading the cache meanwhile compiles what it does not find.
    const root = dirname(dir);
    renameSync(dir, `${dir}${EMPTIED}${process.pid}`);
    for (const name of readdirSync(root).filter((n) => n.includes(EMPTIED)))
      rmSync(join(root, name), { recursive: true, force: true });
    return 'emptied';
  } catch {
    return 'kept'; // best effort: the cache is an optimisation, and the next run tries again
  }
}

const EMPTIED = '.emptied-';
