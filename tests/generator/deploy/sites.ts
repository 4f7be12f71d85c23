import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Small built-site directories for the deploy tests: a home page that names
 * its version, an inner page, a `_headers` file and `images` files of
 * incompressible bytes (the same seed gives the same bytes, so two versions
 * share unchanged images). Test files remove what they made with
 * `removeTempDirs()` in afterAll.
 */
const created: string[] = [];
/** Removes every folder made here so far (call it in afterAll). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function makeSite(
  version: string,
  options: { images?: number; imageBytes?: number; seed?: number } = {},
): string {
  const dir = tempDir(`ds-site-${version}-`);
  mkdirSync(join(dir, 'about'), { recursive: true });
  mkdirSync(join(dir, '_img'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><title>Version ${version}</title><h1>${version}</h1></html>\n`,
  );
  writeFileSync(
    join(dir, 'about', 'index.html'),
    `<!doctype html><html lang="en"><title>About</title></html>\n`,
  );
  writeFileSync(join(dir, '404.html'), `<!doctype html><html lang="en"><title>Not found</title></html>\n`);
  writeFileSync(join(dir, '_headers'), '/*\n  X-Content-Type-Options: nosniff\n');
  const seed = options.seed ?? 1;
  for (let i = 0; i < (options.images ?? 3); i++) {
    writeFileSync(
      join(dir, '_img', `photo-${i}.webp`),
      pseudoRandom(options.imageBytes ?? 2048, seed * 1000 + i),
    );
  }
  return dir;
}

export function pseudoRandom(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = x & 0xff;
  }
  return out;
}
