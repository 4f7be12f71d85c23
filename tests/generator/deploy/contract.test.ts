import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployDriver, SiteRef } from '../../../generator/deploy/driver.ts';
import { createLocalDriver } from '../../../generator/deploy/local-driver.ts';
import { readManifest } from '../../../generator/deploy/manifest.ts';
import { createNetlifyDriver } from '../../../generator/deploy/netlify-driver.ts';
import { FakeNetlify } from './netlify-api.ts';
import { makeSite, removeTempDirs, tempDir } from './sites.ts';

afterAll(removeTempDirs);

/**
 * The contract every deploy driver keeps, run against each: a deploy goes live
 * whole; a newer one replaces it; a draft changes nothing for visitors; an
 * earlier deploy can be made live again; a deploy that fails part-way leaves the
 * previous one live. `breakNextDeploy` makes the next deploy fail mid-way the
 * way that target can fail (the build vanishing under a local copy; Netlify
 * refusing an upload).
 */
interface Harness {
  driver: DeployDriver;
  site: SiteRef;
  /** A file as a visitor of the live site gets it, or null. */
  liveFile(path: string): Buffer | null;
  breakNextDeploy(dir: string): void;
  repair(): void;
  close(): Promise<void>;
}

const harnesses: Record<string, () => Promise<Harness>> = {
  local: async () => {
    const root = tempDir('ds-contract-local-');
    const driver = createLocalDriver({ root, keep: 10 });
    const site = await driver.prepare({ slug: 'contract', remote: null });
    return {
      driver,
      site,
      liveFile: (path) => {
        const file = join(root, 'contract', 'current', path);
        return existsSync(file) ? readFileSync(file) : null;
      },
      // The build disappears while it is being copied (a rebuild replacing it, a disk error).
      breakNextDeploy: (dir) => rmSync(join(dir, '_img', 'photo-2.webp')),
      repair: () => {},
      close: async () => rmSync(root, { recursive: true, force: true }),
    };
  },
  netlify: async () => {
    const fake = new FakeNetlify({ token: 'contract-token' });
    const apiUrl = await fake.start();
    const stateDir = tempDir('ds-contract-netlify-');
    const driver = createNetlifyDriver({ token: 'contract-token', apiUrl, stateDir });
    const site = await driver.prepare({ slug: 'contract', remote: null });
    return {
      driver,
      site,
      liveFile: (path) => fake.publishedFile(site.remote!.id, path),
      breakNextDeploy: () => {
        fake.failUploadsAfter = 1;
      },
      repair: () => {
        fake.failUploadsAfter = null;
      },
      close: async () => {
        await fake.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
  },
};

describe.each(Object.keys(harnesses))('deploy driver contract: %s', (name) => {
  let h: Harness;
  const v1 = makeSite('one', { seed: 1 });
  const v2 = makeSite('two', { seed: 2 });
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await harnesses[name]!();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const deploy = async (dir: string, live = true) =>
    h.driver.deploy({
      site: h.site,
      dir,
      manifest: await readManifest(dir),
      live,
      message: `contract ${dir}`,
    });

  it('starts with nothing live', async () => {
    expect(await h.driver.liveDeploy(h.site)).toBeNull();
  });

  it('deploys a build and makes it live, whole', async () => {
    const result = await deploy(v1);
    ids.one = result.deployId;
    expect(await h.driver.liveDeploy(h.site)).toBe(result.deployId);
    expect(h.liveFile('index.html')?.toString()).toContain('Version one');
    expect(h.liveFile('_img/photo-0.webp')?.equals(readFileSync(join(v1, '_img', 'photo-0.webp')))).toBe(
      true,
    );
    expect(result.url).toBeTruthy();
    expect(result.previewUrl).toBeTruthy();
  });

  it('replaces it with a newer deploy, keeping the earlier one', async () => {
    const result = await deploy(v2);
    ids.two = result.deployId;
    expect(result.deployId).not.toBe(ids.one);
    expect(await h.driver.liveDeploy(h.site)).toBe(ids.two);
    expect(h.liveFile('index.html')?.toString()).toContain('Version two');
    const listed = (await h.driver.listDeploys(h.site)).map((d) => d.deployId);
    expect(listed).toEqual(expect.arrayContaining([ids.one, ids.two]));
  });

  it('uploads a draft without changing what visitors get', async () => {
    const draft = makeSite('draft', { seed: 3 });
    const result = await deploy(draft, false);
    expect(result.deployId).not.toBe(ids.two);
    expect(result.url).not.toBe('');
    expect(await h.driver.liveDeploy(h.site)).toBe(ids.two);
    expect(h.liveFile('index.html')?.toString()).toContain('Version two');
  });

  it('makes an earlier deploy live again (rollback)', async () => {
    await h.driver.activate(h.site, ids.one!);
    expect(await h.driver.liveDeploy(h.site)).toBe(ids.one);
    expect(h.liveFile('index.html')?.toString()).toContain('Version one');
  });

  it('leaves the previous deploy live, whole, when a deploy fails part-way', async () => {
    const broken = makeSite('broken', { seed: 4 });
    const manifest = await readManifest(broken);
    h.breakNextDeploy(broken);
    try {
      await expect(
        h.driver.deploy({ site: h.site, dir: broken, manifest, live: true, message: 'broken' }),
      ).rejects.toThrow();
    } finally {
      h.repair();
    }
    expect(await h.driver.liveDeploy(h.site)).toBe(ids.one);
    expect(h.liveFile('index.html')?.toString()).toContain('Version one');
    for (let i = 0; i < 3; i++) {
      expect(
        h.liveFile(`_img/photo-${i}.webp`)?.equals(readFileSync(join(v1, '_img', `photo-${i}.webp`))),
      ).toBe(true);
    }
  });
});
