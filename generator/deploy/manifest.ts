import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a deploy consists of: every file of the build (dot files excepted) with
 * its SHA-1 (the digest Netlify's deploy API speaks) and size, and one digest
 * over all of them. Equal digests mean byte-identical sites: the local target
 * names deploy directories by it, and a score applies to the digest it measured.
 */
export interface DeployFile {
  path: string;
  sha1: string;
  size: number;
}

export interface DeployManifest {
  files: DeployFile[];
  /** SHA-256 hex over the sorted `path\0sha1` list. */
  digest: string;
  bytes: number;
}

export async function readManifest(dir: string): Promise<DeployManifest> {
  const paths = (await walk(dir, '')).sort();
  const files: DeployFile[] = [];
  for (const path of paths) {
    const full = join(dir, path);
    files.push({ path, sha1: await sha1File(full), size: (await stat(full)).size });
  }
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.sha1}\n`);
  return { files, digest: hash.digest('hex'), bytes: files.reduce((n, f) => n + f.size, 0) };
}

async function walk(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

function sha1File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha1');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
