import type { Config } from '../../config.ts';
import { localStorage } from './local.ts';
import { supabaseStorage } from './supabase.ts';

export { assertStoragePath, storagePathFor } from './paths.ts';

/**
 * Where founders' original files live. Paths are ours, never a founder's:
 * `<user id>/<sha256>.<ext>`, so the store is content-addressed per founder and
 * storing the same file twice is a no-op. Two drivers: the embedded default (a
 * folder under the state directory) and a Supabase Storage bucket.
 */
export interface StorageDriver {
  readonly kind: 'local' | 'supabase';
  readonly bucket: string;
  /** Stores the bytes unless an object is already at `path`; says whether this call created it. */
  put(path: string, bytes: Buffer, contentType: string): Promise<{ created: boolean }>;
  get(path: string): Promise<Buffer>;
  /** Removes objects; paths that do not exist are ignored. */
  remove(paths: string[]): Promise<void>;
  /** A human-readable location, for messages: a file path or supabase://bucket/path. */
  describe(path: string): string;
}

export function storageDriver(config: Config['storage'], bucket = config.bucket): StorageDriver {
  if (config.driver === 'supabase') {
    if (!config.supabase)
      throw new Error('Supabase storage needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY');
    return supabaseStorage({ ...config.supabase, bucket });
  }
  return localStorage({ root: config.localDir, bucket });
}
