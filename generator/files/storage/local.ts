import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { errors } from '../../errors.ts';
import type { StorageDriver } from './driver.ts';
import { assertStoragePath } from './paths.ts';

/**
 * The embedded store: `<root>/<bucket>/<user id>/<sha256>.<ext>` under the
 * state folder. Writes go to a temporary name and are renamed into place, so a
 * reader never sees half a file.
 */
export function localFileStorage(options: { root: string; bucket: string }): StorageDriver {
  const base = join(options.root, options.bucket);
  const fileOf = (path: string) => {
    assertStoragePath(path);
    return join(base, path);
  };
  return {
    kind: 'local',
    bucket: options.bucket,
    describe: fileOf,
    async put(path, bytes) {
      const file = fileOf(path);
      if (existsSync(file) && (await stat(file)).size === bytes.length) return { created: false };
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
      return { created: true };
    },
    async get(path) {
      const file = fileOf(path);
      try {
        return await readFile(file);
      } catch (error) {
        throw errors.storageMissing(file, options.bucket, path, error);
      }
    },
    async remove(paths) {
      for (const path of paths) await rm(fileOf(path), { force: true });
    },
    // The stored file is already on this machine (its content hash is checked when it is added).
    async localFile(path) {
      const file = fileOf(path);
      return existsSync(file) ? file : null;
    },
  };
}
