import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalDriver } from '../../../../generator/deploy/drivers/local.ts';
import { readManifest } from '../../../../generator/deploy/manifest.ts';
import { makeSite, removeTempDirs, tempDir } from '../sites.ts';

afterAll(removeTempDirs);

/**
 * The local target beyond the shared contract: a real deploying process killed
 * with SIGKILL anywhere leaves the old deploy live and whole (and the next
 * deploy cleans up after it); identical content is one deploy; unchanged files
 * are shared with the live deploy; retention keeps the newest N and always the
 * live one.
 */
const child = join(import.meta.dirname, 'local-deploy-child.ts');

function startChild(root: string, dir: string, pauseAt: string): ChildProcess & { output: Promise<string> } {
  const proc = spawn(process.execPath, [child, root, 'site', dir, pauseAt], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const output = new Promise<string>((resolve) => {
    proc.stdout.on('data', (d) => {
      out += d;
      if (/PAUSED|DONE/.test(out)) resolve(out);
    });
    proc.on('close', () => resolve(out));
  });
  return Object.assign(proc, { output });
}

function kill(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.on('close', () => resolve());
    proc.kill('SIGKILL');
  });
}

async function liveDigest(root: string): Promise<string> {
  return (await readManifest(join(root, 'site', 'current'))).digest;
}

describe('local target: a deploy killed part-way', () => {
  it.each([
    ['in the middle of copying', 'upload:20'],
    ['after the new deploy is complete but before the switch', 'staged'],
  ])('leaves the previous deploy live and whole when killed %s', async (_when, pauseAt) => {
    const root = tempDir('ds-kill-');
    const old = makeSite('old', { images: 5, seed: 10 });
    const next = makeSite('new', { images: 60, seed: 11 });
    const driver = createLocalDriver({ root, keep: 10 });
    const site = await driver.prepare({ slug: 'site', remote: null });
    const first = await driver.deploy({
      site,
      dir: old,
      manifest: await readManifest(old),
      live: true,
      message: 'old',
    });
    const oldDigest = (await readManifest(old)).digest;

    const proc = startChild(root, next, pauseAt);
    expect(await proc.output).toContain(`PAUSED ${pauseAt}`);
    await kill(proc);

    expect(readlinkSync(join(root, 'site', 'current'))).toBe(join('deploys', first.deployId));
    expect(await liveDigest(root)).toBe(oldDigest);
    expect(await driver.liveDeploy(site)).toBe(first.deployId);

    // The next deploy sweeps what the dead process left and goes live.
    const done = await driver.deploy({
      site,
      dir: next,
      manifest: await readManifest(next),
      live: true,
      message: 'retry',
    });
    expect(await liveDigest(root)).toBe((await readManifest(next)).digest);
    expect(readdirSync(join(root, 'site', 'deploys')).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(done.deployId).not.toBe(first.deployId);
  });

  it('survives a SIGKILL at an arbitrary moment of a large copy', async () => {
    const root = tempDir('ds-kill-');
    const old = makeSite('old', { images: 3, seed: 20 });
    const big = makeSite('big', { images: 400, imageBytes: 32_768, seed: 21 });
    const driver = createLocalDriver({ root, keep: 10 });
    const site = await driver.prepare({ slug: 'site', remote: null });
    await driver.deploy({ site, dir: old, manifest: await readManifest(old), live: true, message: 'old' });
    const oldDigest = (await readManifest(old)).digest;
    const proc = startChild(root, big, 'none');
    // Kill as soon as the copy has visibly started.
    const deploys = join(root, 'site', 'deploys');
    const started = Date.now();
    while (!readdirSync(deploys).some((n) => n.startsWith('.staging-')) && Date.now() - started < 20_000) {
      await new Promise((r) => setTimeout(r, 2));
    }
    await kill(proc);
    const live = await liveDigest(root);
    // Either the kill landed before the switch (old deploy, whole) or after it (new deploy, whole): never a mix.
    expect([oldDigest, (await readManifest(big)).digest]).toContain(live);
  });
});

describe('local target: content-addressed deploys and retention', () => {
  it('deploys identical content as the same deploy and shares unchanged files with the live one', async () => {
    const root = tempDir('ds-local-');
    const driver = createLocalDriver({ root, keep: 10 });
    const site = await driver.prepare({ slug: 'site', remote: null });
    const a = makeSite('a', { seed: 30 });
    const first = await driver.deploy({
      site,
      dir: a,
      manifest: await readManifest(a),
      live: true,
      message: '1',
    });
    expect(first.uploadedFiles).toBe(7);
    const again = await driver.deploy({
      site,
      dir: a,
      manifest: await readManifest(a),
      live: true,
      message: '2',
    });
    expect(again.deployId).toBe(first.deployId);
    expect(again.uploadedFiles).toBe(0);

    const b = makeSite('b', { seed: 30 }); // same images, new home page
    const second = await driver.deploy({
      site,
      dir: b,
      manifest: await readManifest(b),
      live: true,
      message: '3',
    });
    expect(second.uploadedFiles).toBe(1);
    const inode = (id: string) => statSync(join(root, 'site', 'deploys', id, '_img', 'photo-0.webp')).ino;
    expect(inode(second.deployId)).toBe(inode(first.deployId));
    expect(statSync(join(root, 'site', 'deploys', second.deployId, 'index.html')).mode & 0o222).toBe(0);
  });

  it('keeps the newest N deploys and always the live one; a pruned deploy cannot be rolled back to', async () => {
    const root = tempDir('ds-retain-');
    const driver = createLocalDriver({ root, keep: 2 });
    const site = await driver.prepare({ slug: 'site', remote: null });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const dir = makeSite(`v${i}`, { seed: 40 + i });
      ids.push(
        (await driver.deploy({ site, dir, manifest: await readManifest(dir), live: true, message: `${i}` }))
          .deployId,
      );
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await driver.listDeploys(site)).map((d) => d.deployId)).toEqual([ids[3], ids[2]]);
    expect(existsSync(join(root, 'site', 'meta', `${ids[0]}.json`))).toBe(false);
    await expect(driver.rollback(site, ids[0]!)).rejects.toThrow(/no longer on the local target/);

    // Two drafts newer than the live deploy: the live one stays anyway.
    await driver.rollback(site, ids[2]!);
    for (let i = 0; i < 2; i++) {
      const dir = makeSite(`d${i}`, { seed: 50 + i });
      await driver.deploy({
        site,
        dir,
        manifest: await readManifest(dir),
        live: false,
        message: `draft ${i}`,
      });
    }
    const kept = await driver.listDeploys(site);
    expect(kept.map((d) => d.deployId)).toContain(ids[2]);
    expect(kept.find((d) => d.live)?.deployId).toBe(ids[2]);
    expect(kept).toHaveLength(3);
  });
});
