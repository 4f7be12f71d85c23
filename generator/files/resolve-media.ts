import { type Config, loadConfig } from '../config.ts';
import { storageDriver } from './storage/from-config.ts';
import { isStoragePath } from './storage/paths.ts';

/**
 * The local file behind a stored media row, for the generator. Rows written by
 * the files module name a bucket (through file_buckets); the storage driver
 * gives a file on this machine with the object's bytes (the stored file itself
 * in the embedded store; from Supabase Storage, a copy downloaded once into the
 * cache, checked against the row's sha256). Only paths in the row owner's own
 * folder resolve. Rows without a bucket are the demo seed's, whose paths are
 * relative to supabase/ (resolved by the caller).
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
  return storageDriver(config, bucket).localFile(path, row.content_hash ?? null);
}
