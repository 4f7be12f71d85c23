import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteRef } from '../../../../generator/deploy/driver.ts';
import { createNetlifyDriver, type NetlifySiteRef } from '../../../../generator/deploy/drivers/netlify.ts';
import { readManifest } from '../../../../generator/deploy/manifest.ts';
import { isDreamseedError } from '../../../../generator/errors.ts';
import { FakeNetlify } from '../netlify-api.ts';
import { makeSite, pseudoRandom, removeTempDirs, tempDir } from '../sites.ts';

afterAll(removeTempDirs);

/**
 * The real netlify-cli against the loopback Netlify API: the deploy flow it
 * runs (create deploy, file digests, upload of only the missing files, poll
 * until ready), a second deploy uploading only what changed, an upload failure
 * mid-way leaving the previous deploy live, and rollback by restore.
 */
const TOKEN = 'nfp_test_token';
const fake = new FakeNetlify({ token: TOKEN, processingPolls: 1 });
const stateDir = tempDir('ds-netlify-');
let apiUrl = '';
let site: SiteRef<NetlifySiteRef>;

beforeAll(async () => {
  apiUrl = await fake.start();
});
afterAll(async () => {
  await fake.stop();
});

const driver = () => createNetlifyDriver({ token: TOKEN, apiUrl, stateDir });
const deploy = async (dir: string) =>
  driver().deploy({ site, dir, manifest: await readManifest(dir), live: true, message: `test ${dir}` });

describe('netlify driver through netlify-cli', () => {
  const v1 = makeSite('one', { images: 6, seed: 1 });
  let first = '';

  it('creates the founder’s site on first use, with a unique name', async () => {
    site = await driver().prepare({ slug: 'bakery', remote: null });
    expect(site.remote?.name).toBe('dreamseed-bakery');
    expect(fake.sites.get(site.remote!.id)?.name).toBe('dreamseed-bakery');
    // The name is taken (Netlify names are global): a second site gets a suffix.
    const other = await driver().prepare({ slug: 'bakery', remote: null });
    expect(other.remote?.name).toMatch(/^dreamseed-bakery-[0-9a-f]{6}$/);
    // A site that exists is left alone.
    expect(await driver().prepare(site)).toEqual(site);
  });

  it('sends the digests, uploads every file Netlify lacks, polls until ready and goes live', async () => {
    const result = await deploy(v1);
    first = result.deployId;
    const uploads = fake.uploadsFor(first).sort();
    const manifest = await readManifest(v1);
    // Every file of the build but _headers, which the CLI turns into the netlify.toml it uploads.
    const expected = [
      ...manifest.files.map((f) => f.path).filter((p) => p !== '_headers'),
      'netlify.toml',
    ].sort();
    expect(uploads).toEqual(expected);
    const polls = fake.log.filter((l) => l.method === 'GET' && l.path.endsWith(`/deploys/${first}`));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(fake.sites.get(site.remote!.id)?.published_deploy?.id).toBe(first);
    expect(fake.publishedFile(site.remote!.id, 'index.html')?.toString()).toContain('Version one');
    expect(result.url).toBe('https://dreamseed-bakery.netlify.app');
    expect(result.previewUrl).toContain(first);
  });

  it('uploads nothing for an unchanged re-deploy, and only the changed files after an edit', async () => {
    const same = await deploy(v1);
    expect(same.deployId).not.toBe(first);
    expect(fake.uploadsFor(same.deployId)).toEqual([]);
    expect(fake.sites.get(site.remote!.id)?.published_deploy?.id).toBe(same.deployId);

    writeFileSync(
      join(v1, 'about', 'index.html'),
      '<!doctype html><html lang="en"><title>About us</title></html>\n',
    );
    writeFileSync(join(v1, '_img', 'photo-5.webp'), pseudoRandom(4096, 999));
    const edited = await deploy(v1);
    expect(fake.uploadsFor(edited.deployId).sort()).toEqual(['_img/photo-5.webp', 'about/index.html']);
  });

  it('leaves the previous deploy live when an upload fails mid-way', async () => {
    const live = fake.sites.get(site.remote!.id)!.published_deploy!.id;
    const next = makeSite('two', { images: 8, seed: 2 });
    fake.failUploadsAfter = 3;
    let error: unknown;
    try {
      await deploy(next);
    } catch (e) {
      error = e;
    } finally {
      fake.failUploadsAfter = null;
    }
    expect(isDreamseedError(error) && error.code).toBe('NETLIFY_FAILED');
    // netlify-cli reports the API's refusal by its status (it does not print the body).
    expect((error as Error).message).toMatch(/Unprocessable Entity/);
    expect(fake.log.filter((l) => l.status === 422 && l.path.includes('/files/')).length).toBeGreaterThan(0);
    expect((error as Error).message).not.toMatch(/\n\s+at /);
    expect(fake.sites.get(site.remote!.id)?.published_deploy?.id).toBe(live);
    expect(fake.publishedFile(site.remote!.id, 'index.html')?.toString()).toContain('Version one');
    expect(await driver().liveDeploy(site)).toBe(live);
  });

  it('rolls back by restoring an earlier deploy', async () => {
    const { url } = await driver().rollback(site, first);
    expect(url).toBe('https://dreamseed-bakery.netlify.app');
    expect(await driver().liveDeploy(site)).toBe(first);
    expect(fake.publishedFile(site.remote!.id, 'about/index.html')?.toString()).toContain(
      '<title>About</title>',
    );
    const listed = await driver().listDeploys(site);
    expect(listed.find((d) => d.live)?.deployId).toBe(first);
  });

  it('says what to do when the token is missing or refused', async () => {
    const none = createNetlifyDriver({ token: undefined, apiUrl, stateDir });
    expect(() => none.preflight()).toThrow(/NETLIFY_AUTH_TOKEN is not set/);
    const wrong = createNetlifyDriver({ token: 'nfp_wrong', apiUrl, stateDir });
    const error = await wrong.liveDeploy(site).catch((e: unknown) => e);
    expect(isDreamseedError(error) && error.code).toBe('NETLIFY_FAILED');
    expect(String((error as Error).message)).toMatch(/Access Denied|401|Unauthorized/i);
  });
});
