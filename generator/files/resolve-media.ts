import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Config, loadConfig } from '../config.ts';
import { storageDriver } from './storage/driver.ts';
import { isStoragePath } from './storage/paths.ts';

/**
 * The local file behind a stored media row, for the generator. Rows written by
 * the files module name a bucket (through file_buckets): in the embedded store
 * that is a file under the state folder; in Supabase Storage the object is
 * downloaded once into the cache (checked against its sha256) and reused while
 * its content hash is unchanged. Only paths in the row owner's own folder
 * resolve. Rows without a bucket are the demo seed's, whose paths are relative
 * to supabase/ (resolved by the caller).
 */
export interface StoredMediaRow {
  user_id?: string | null | undefined;
  storage_path?: string | null | undefined;
  file_bucket_name?: unknown;
  content_hash?: string | null | undefined;
}

export async function resolveStoredMedia(
  row: StoredMediaRow,
  config: Pick<Config, 'storage' | 'cacheDir'> = loadConfig(),
): Promise<string | null> {
  const bucket = typeof row.file_bucket_name === 'string' ? row.file_bucket_name : null;
  const path = row.storage_path ?? null;
  // A founder can write their own rows: only a path in their own folder is theirs to publish.
  if (
    !bucket ||
    !path ||
    !isStoragePath(path) ||
    !row.user_id ||
    !path.startsWith(`${row.user_id.toLowerCase()}/`)
  ) {
    return null;
  }
  const driver = storageDriver(config.storage, bucket);
  if (driver.kind === 'local') {
    const file = driver.describe(path);
    return existsSync(file) ? file : null;
  }
  const cached = join(config.cacheDir, 'storage', bucket, path);
  if (existsSync(cached) && (!row.content_hash || sha256(await readFile(cached)) === row.content_hash))
    return cached;
  const bytes = await driver.get(path);
  if (row.content_hash && sha256(bytes) !== row.content_hash) {
    throw new Error(`${driver.describe(path)} does not hold the content recorded for it (sha256 differs)`);
  }
  await mkdir(dirname(cached), { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, cached);
  return cached;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
