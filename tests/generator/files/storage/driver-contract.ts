import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDreamseedError } from '../../../../generator/errors.ts';
import type { StorageDriver } from '../../../../generator/files/storage/driver.ts';
import { storagePathFor } from '../../../../generator/files/storage/paths.ts';

/**
 * The contract every storage driver keeps (generator/files/storage/driver.ts),
 * one suite run against each, as the deploy drivers' is: only paths it builds;
 * an object is stored once under its content's name; it reads back the same
 * bytes and as a file on this machine (reused, not fetched again); a missing
 * object is an error that names it; removal; buckets kept apart.
 */
export interface StorageHarness {
  /** A driver for `bucket`, made as the generator makes it (from the configuration). */
  driver(bucket: string): StorageDriver;
  /** How many times the store's bytes were fetched (downloads); a folder store fetches none. */
  fetches(): number;
  close(): Promise<void>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const USER = 'd7ea0000-0000-4000-8000-00000000c0de';

export function testStorageDriver(kind: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`storage driver contract: ${kind}`, () => {
    let h: StorageHarness;
    let store: StorageDriver;
    const bytes = randomBytes(4096);
    const path = storagePathFor(USER, `${sha256(bytes)}.png`);
    const missing = storagePathFor(USER, `${'0'.repeat(64)}.png`);
    beforeAll(async () => {
      h = await makeHarness();
      store = h.driver('contract-media');
    });
    afterAll(async () => {
      await h?.close();
    });

    it('is the driver asked for, on the bucket asked for', () => {
      expect(store.kind).toBe(kind);
      expect(store.bucket).toBe('contract-media');
      expect(store.describe(path)).toContain(path);
    });

    it('refuses a path it did not build, before touching the store', async () => {
      for (const bad of ['../other-bucket/x.png', `${USER}/../../x.png`, `${USER}/logo.png`, '']) {
        await expect(store.put(bad, bytes, 'image/png')).rejects.toThrow(/Not a storage path/);
        await expect(store.get(bad)).rejects.toThrow(/Not a storage path/);
        await expect(store.localFile(bad)).rejects.toThrow(/Not a storage path/);
        await expect(store.remove([bad])).rejects.toThrow(/Not a storage path/);
      }
      expect(h.fetches()).toBe(0);
    });

    it('stores an object once and reads the same bytes back', async () => {
      expect(await store.put(path, bytes, 'image/png')).toEqual({ created: true });
      expect(await store.put(path, bytes, 'image/png')).toEqual({ created: false });
      expect((await store.get(path)).equals(bytes)).toBe(true);
    });

    it('gives a file on this machine with the bytes, and reuses it', async () => {
      const file = await store.localFile(path, sha256(bytes));
      expect(file && readFileSync(file).equals(bytes)).toBe(true);
      const fetched = h.fetches();
      expect(await store.localFile(path, sha256(bytes))).toBe(file);
      expect(h.fetches()).toBe(fetched);
    });

    it('names an object it does not hold, and never hands out a file for it', async () => {
      const error = await store.get(missing).catch((e: unknown) => e);
      expect(isDreamseedError(error) && error.message).toContain(store.describe(missing));
      const local = await store.localFile(missing).catch((e: unknown) => e);
      if (local !== null) expect(isDreamseedError(local) && local.message).toContain(store.describe(missing));
    });

    it('keeps buckets apart', async () => {
      await expect(h.driver('other-media').get(path)).rejects.toThrow();
    });

    it('removes objects, ignoring ones it does not hold', async () => {
      await store.remove([]);
      await store.remove([path, missing]);
      await expect(store.get(path)).rejects.toThrow();
      expect(await store.put(path, bytes, 'image/png')).toEqual({ created: true });
    });
  });
}
