import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployDriver, SiteRef } from '../../../generator/deploy/driver.ts';
import { readManifest } from '../../../generator/deploy/manifest.ts';
import { makeSite } from './sites.ts';

/**
 * The contract every deploy driver keeps (generator/deploy/driver.ts), one
 * suite run against each (as unstorage's `testDriver`): a deploy goes live
 * whole; a newer one replaces it; a draft changes nothing for visitors; an
 * earlier deploy can be made live again (rollback), and a deploy the target
 * does not hold cannot; a deploy that fails part-way leaves the previous one
 * live. contract.test.ts runs it for every registered target;
 * targets.test.ts for a target added at run time.
 */
export interface Harness {
  /** The driver, made the way the pipeline makes it (through the registry, from the environment). */
  driver: DeployDriver;
  /** A site the driver has prepared. */
  site: SiteRef;
  /** A file as a visitor of the live site gets it, or null. */
  liveFile(path: string): Buffer | null;
  /** Makes the next deploy of `dir` fail mid-way the way this target can fail. */
  breakNextDeploy(dir: string): void;
  repair(): void;
  close(): Promise<void>;
}

export function testDeployDriver(name: string, makeHarness: () => Promise<Harness>): void {
  describe(`deploy driver contract: ${name}`, () => {
    let h: Harness;
    const v1 = makeSite('one', { seed: 1 });
    const v2 = makeSite('two', { seed: 2 });
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      h = await makeHarness();
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

    it('starts with nothing live, on a prepared site that preparing again leaves as it is', async () => {
      expect(h.driver.name).toBe(name);
      expect(h.driver.siteId(h.site)).toMatch(/\S/);
      expect(await h.driver.prepare(h.site)).toEqual(h.site);
      expect(await h.driver.liveDeploy(h.site)).toBeNull();
      expect(await h.driver.listDeploys(h.site)).toEqual([]);
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
      const listed = await h.driver.listDeploys(h.site);
      expect(listed.map((d) => d.deployId)).toEqual(expect.arrayContaining([ids.one, ids.two]));
      expect(listed.filter((d) => d.live).map((d) => d.deployId)).toEqual([ids.two]);
      if (h.driver.keptDeploys) {
        expect([...(await h.driver.keptDeploys(h.site))]).toEqual(expect.arrayContaining([ids.one, ids.two]));
      }
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
      const { url } = await h.driver.rollback(h.site, ids.one!);
      expect(url).toBeTruthy();
      expect(await h.driver.liveDeploy(h.site)).toBe(ids.one);
      expect(h.liveFile('index.html')?.toString()).toContain('Version one');
    });

    it('refuses to roll back to a deploy it does not hold, changing nothing', async () => {
      await expect(h.driver.rollback(h.site, '0123456789abcdef')).rejects.toThrow();
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
}
