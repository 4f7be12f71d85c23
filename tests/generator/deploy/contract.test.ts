import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { loadConfig } from '../../../generator/config.ts';
import { driverFor, type TargetName, targetNames } from '../../../generator/deploy/targets.ts';
import { type Harness, testDeployDriver } from './driver-contract.ts';
import { FakeNetlify } from './netlify-api.ts';
import { removeTempDirs, tempDir } from './sites.ts';

afterAll(removeTempDirs);

/**
 * The shared contract suite (driver-contract.ts) against every target this
 * project ships, each driver made as the pipeline makes it: through the
 * registry, from the environment. The map is typed by `TargetName`, so a
 * target added to generator/deploy/targets.ts without a harness here does not
 * compile. `breakNextDeploy` fails a deploy the way that target can fail (the
 * build vanishing under a local copy; Netlify refusing an upload).
 */
const harnesses: Record<TargetName, () => Promise<Harness>> = {
  local: async () => {
    const home = tempDir('ds-contract-local-');
    const driver = driverFor('local', loadConfig({ DREAMSEED_HOME: home }));
    const site = await driver.prepare({ slug: 'contract', remote: null });
    return {
      driver,
      site,
      liveFile: (path) => {
        const file = join(home, 'live', 'contract', 'current', path);
        return existsSync(file) ? readFileSync(file) : null;
      },
      // The build disappears while it is being copied (a rebuild replacing it, a disk error).
      breakNextDeploy: (dir) => rmSync(join(dir, '_img', 'photo-2.webp')),
      repair: () => {},
      close: async () => rmSync(home, { recursive: true, force: true }),
    };
  },
  netlify: async () => {
    const fake = new FakeNetlify({ token: 'contract-token' });
    const apiUrl = await fake.start();
    const home = tempDir('ds-contract-netlify-');
    const driver = driverFor(
      'netlify',
      loadConfig({ DREAMSEED_HOME: home, NETLIFY_AUTH_TOKEN: 'contract-token', NETLIFY_API_URL: apiUrl }),
    );
    const site = await driver.prepare({ slug: 'contract', remote: null });
    const siteId = driver.siteId(site);
    return {
      driver,
      site,
      liveFile: (path) => fake.publishedFile(siteId, path),
      breakNextDeploy: () => {
        fake.failUploadsAfter = 1;
      },
      repair: () => {
        fake.failUploadsAfter = null;
      },
      close: async () => {
        await fake.stop();
        rmSync(home, { recursive: true, force: true });
      },
    };
  },
};

for (const name of targetNames() as TargetName[]) testDeployDriver(name, harnesses[name]);
