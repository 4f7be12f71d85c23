import type { Config } from '../../config.ts';
import type { StorageDriver } from './driver.ts';
import { localFileStorage } from './local.ts';
import { supabaseStorage } from './supabase.ts';

/** The storage driver the configuration names (DREAMSEED_STORAGE, or Supabase when it is configured). */
export function storageDriver(
  config: Pick<Config, 'storage' | 'cacheDir'>,
  bucket = config.storage.bucket,
): StorageDriver {
  const { storage } = config;
  return storage.driver === 'supabase'
    ? supabaseStorage({ ...storage.supabase, bucket, cacheDir: config.cacheDir })
    : localFileStorage({ root: storage.localDir, bucket });
}
