import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../generator/config.ts';
import type { StorageKind } from '../../../../generator/files/storage/driver.ts';
import { storageDriver } from '../../../../generator/files/storage/from-config.ts';
import { type StorageHarness, testStorageDriver } from './driver-contract.ts';
import { FakeStorage } from './storage-api.ts';

/**
 * The shared storage contract (driver-contract.ts) against both drivers, each
 * made from the configuration as `dreamseed files` and the generator make it:
 * the embedded store in a fresh state folder, and Supabase Storage through the
 * real @supabase/supabase-js against the loopback Storage API. The map is typed
 * by `StorageKind`: a driver without a harness here does not compile.
 */
const harnesses: Record<StorageKind, () => Promise<StorageHarness>> = {
  local: async () => {
    const home = mkdtempSync(join(tmpdir(), 'ds-storage-local-'));
    const config = loadConfig({ DREAMSEED_HOME: home, DREAMSEED_STORAGE: 'local' });
    return {
      driver: (bucket) => storageDriver(config, bucket),
      fetches: () => 0,
      close: async () => rmSync(home, { recursive: true, force: true }),
    };
  },
  supabase: async () => {
    const home = mkdtempSync(join(tmpdir(), 'ds-storage-supabase-'));
    const api = new FakeStorage('contract-service-key');
    const config = loadConfig({
      DREAMSEED_HOME: home,
      SUPABASE_URL: await api.start(),
      SUPABASE_SERVICE_ROLE_KEY: api.key,
    });
    return {
      driver: (bucket) => storageDriver(config, bucket),
      fetches: () => api.calls.filter((c) => c.method === 'GET').length,
      close: async () => {
        await api.stop();
        rmSync(home, { recursive: true, force: true });
      },
    };
  },
};

for (const [kind, harness] of Object.entries(harnesses)) testStorageDriver(kind, harness);
