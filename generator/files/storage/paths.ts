/**
 * Object paths in founders' storage are ours, never a founder's:
 * `<user id>/<sha256>.<ext>`. Drivers refuse anything else, so no path from
 * outside (a file name, a database value) can reach the file system or a bucket.
 */
const STORAGE_PATH =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[0-9a-f]{64}\.[a-z0-9]{2,5}$/;

export function isStoragePath(path: string): boolean {
  return STORAGE_PATH.test(path);
}

/** The only object paths the drivers accept: what `storagePathFor` builds. */
export function assertStoragePath(path: string): void {
  if (!STORAGE_PATH.test(path))
    throw new Error(`Not a storage path this module writes: ${JSON.stringify(path)}`);
}

export function storagePathFor(userId: string, storedName: string): string {
  const path = `${userId.toLowerCase()}/${storedName}`;
  assertStoragePath(path);
  return path;
}
