import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The content cache: accepted AI copy, keyed by a hash of everything the answer
 * depends on (section type, schema version, the DNA values the section reads,
 * writer, model, prompt version; see content/section-inputs.ts). Unchanged
 * inputs make no model call. One small JSON file per entry under
 * `<cacheDir>/copy/`; writes are atomic (temp file + rename), so concurrent
 * runs never see half an entry. A cached answer is checked again before use.
 */
export interface CachedCopy {
  key: string;
  section: string;
  model: string;
  /** The answer in wire form, exactly as the model gave it. */
  answer: unknown;
  created_at: string;
}

export interface ContentCache {
  get(key: string): CachedCopy | undefined;
  put(entry: CachedCopy): void;
}

export function createFileCache(cacheDir: string): ContentCache {
  const fileOf = (key: string) => join(cacheDir, 'copy', key.slice(0, 2), `${key}.json`);
  return {
    get(key) {
      try {
        const entry = JSON.parse(readFileSync(fileOf(key), 'utf8')) as CachedCopy;
        return entry.key === key ? entry : undefined;
      } catch {
        // Missing or unreadable: a miss (an unreadable entry is rewritten on the next put).
        return undefined;
      }
    },
    put(entry) {
      const file = fileOf(entry.key);
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, file);
    },
  };
}

/** An in-memory cache (tests, and runs that must not touch the disk). */
export function createMemoryCache(): ContentCache & { size(): number } {
  const entries = new Map<string, CachedCopy>();
  return {
    get: (key) => entries.get(key),
    put: (entry) => void entries.set(entry.key, entry),
    size: () => entries.size,
  };
}
