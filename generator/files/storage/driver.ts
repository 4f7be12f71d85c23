/**
 * Where founders' original files live. Paths are ours, never a founder's:
 * `<user id>/<sha256>.<ext>` (paths.ts), so the store is content-addressed per
 * founder and storing the same file twice is a no-op. Two drivers, one file
 * each: the embedded default (local.ts, a folder under the state directory)
 * and a Supabase Storage bucket (supabase.ts); `storageDriver` (from-config.ts)
 * picks one from the configuration. The same contract suite
 * (tests/generator/files/storage/driver-contract.ts) runs against both.
 */
export type StorageKind = 'local' | 'supabase';

export interface StorageDriver {
  readonly kind: StorageKind;
  readonly bucket: string;
  /** Stores the bytes unless an object is already at `path`; says whether this call created it. */
  put(path: string, bytes: Buffer, contentType: string): Promise<{ created: boolean }>;
  get(path: string): Promise<Buffer>;
  /** Removes objects; paths that do not exist are ignored. */
  remove(paths: string[]): Promise<void>;
  /** A human-readable location, for messages: a file path or supabase://bucket/path. */
  describe(path: string): string;
  /**
   * A file on this machine holding the object's bytes, for a build to read:
   * the stored file itself in the embedded store; for a remote store, a copy
   * downloaded once into the cache and reused while it matches `sha256` (a
   * download that does not match is refused). An object the embedded store
   * lacks is null; a remote store says why it could not download it, as `get`.
   */
  localFile(path: string, sha256?: string | null): Promise<string | null>;
}
