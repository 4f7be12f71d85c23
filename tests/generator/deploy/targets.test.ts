import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import { type DeployDriver, defineDeployTarget, type SiteRef } from '../../../generator/deploy/driver.ts';
import { rollbackSite } from '../../../generator/deploy/rollback.ts';
import {
  driverFor,
  isTargetName,
  registerDeployTarget,
  targetNames,
} from '../../../generator/deploy/targets.ts';
import { publishSite } from '../../../generator/stages/deploy-site.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { type Harness, testDeployDriver } from './driver-contract.ts';
import { makeSite, removeTempDirs, tempDir } from './sites.ts';

afterAll(removeTempDirs);

/**
 * A new deploy target is one driver file plus its harness. This file is both,
 * for a throwaway target, `folder`, that copies each deploy into a folder named
 * by DREAMSEED_FOLDER_ROOT and remembers the site's folder: registered through
 * the public path, it gets the configuration, the contract suite, publishing,
 * history and rollback with no other file edited (and no migration).
 */
type FolderSite = { dir: string };

function createFolderDriver(root: string): DeployDriver<FolderSite> {
  const dirOf = (site: SiteRef<FolderSite>) => {
    if (!site.remote) throw new Error(`${site.slug} has no folder yet`);
    return site.remote.dir;
  };
  const liveId = (site: SiteRef<FolderSite>) => {
    const file = site.remote && join(site.remote.dir, 'LIVE');
    return file && existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  const switchTo = (site: SiteRef<FolderSite>, id: string) => {
    writeFileSync(join(dirOf(site), 'LIVE.tmp'), id);
    renameSync(join(dirOf(site), 'LIVE.tmp'), join(dirOf(site), 'LIVE'));
  };
  return {
    name: 'folder',
    preflight() {},
    async prepare(site) {
      if (site.remote) return site;
      const dir = join(root, `${site.slug}-${randomBytes(3).toString('hex')}`);
      mkdirSync(join(dir, 'deploys'), { recursive: true });
      return { ...site, remote: { dir } };
    },
    siteId: dirOf,
    async deploy(request) {
      const id = request.manifest.digest.slice(0, 16);
      const target = join(dirOf(request.site), 'deploys', id);
      if (!existsSync(target)) {
        const staging = `${target}.staging`;
        try {
          for (const file of request.manifest.files) {
            mkdirSync(dirname(join(staging, file.path)), { recursive: true });
            cpSync(join(request.dir, file.path), join(staging, file.path));
          }
          renameSync(staging, target);
        } finally {
          rmSync(staging, { recursive: true, force: true });
        }
      }
      if (request.live) switchTo(request.site, id);
      return {
        deployId: id,
        url: `folder://${target}`,
        previewUrl: `folder://${target}`,
        uploadedFiles: null,
      };
    },
    async rollback(site, deployId) {
      if (!existsSync(join(dirOf(site), 'deploys', deployId))) throw new Error(`no deploy ${deployId}`);
      switchTo(site, deployId);
      return { url: `folder://${join(dirOf(site), 'deploys', deployId)}` };
    },
    liveDeploy: async (site) => liveId(site),
    async listDeploys(site) {
      if (!site.remote) return [];
      const live = liveId(site);
      return readdirSync(join(dirOf(site), 'deploys'))
        .filter((name) => !name.endsWith('.staging'))
        .map((deployId) => ({ deployId, createdAt: null, live: deployId === live }));
    },
  };
}

const folderTarget = defineDeployTarget({
  name: 'folder',
  description: 'a copy of each deploy in a folder (a test target)',
  env: z.object({ DREAMSEED_FOLDER_ROOT: z.string().min(1, 'name the folder deploys go to') }),
  remote: z.object({ dir: z.string().min(1) }),
  create: (env) => createFolderDriver(env.DREAMSEED_FOLDER_ROOT),
});

registerDeployTarget(folderTarget);

const home = tempDir('ds-folder-home-');
const root = tempDir('ds-folder-root-');
const env = { DREAMSEED_HOME: home, DREAMSEED_FOLDER_ROOT: root };

describe('registering a deploy target', () => {
  it('adds it to the choices and to the configuration, whose variables it validates', () => {
    expect(targetNames()).toEqual(['local', 'netlify', 'folder']);
    expect(isTargetName('folder')).toBe(true);
    expect(loadConfig({ ...env, DREAMSEED_DEPLOY_TARGET: 'folder' }).deploy.target).toBe('folder');
    expect(() => loadConfig({ DREAMSEED_HOME: home })).toThrow(/DREAMSEED_FOLDER_ROOT: /);
    expect(() => loadConfig({ ...env, DREAMSEED_DEPLOY_TARGET: 'ftp' })).toThrow(
      /DREAMSEED_DEPLOY_TARGET: .*"folder"/,
    );
  });

  it('refuses a second target of the same name, and a name the database would not hold', () => {
    expect(() => registerDeployTarget(folderTarget)).toThrow(/registered already/);
    expect(() => registerDeployTarget({ ...folderTarget, name: 'Folder Two' })).toThrow(/lower-case letters/);
    expect(() => driverFor('ftp', loadConfig(env))).toThrow(/ftp is not a deploy target/);
  });
});

testDeployDriver('folder', async (): Promise<Harness> => {
  const driver = driverFor('folder', loadConfig(env));
  const site = await driver.prepare({ slug: 'contract', remote: null });
  const folder = driver.siteId(site);
  return {
    driver,
    site,
    liveFile: (path) => {
      const live = join(folder, 'LIVE');
      const file = existsSync(live) && join(folder, 'deploys', readFileSync(live, 'utf8'), path);
      return file && existsSync(file) ? readFileSync(file) : null;
    },
    // The build disappears while it is being copied.
    breakNextDeploy: (dir) => rmSync(join(dir, '_img', 'photo-2.webp')),
    repair: () => {},
    close: async () => {},
  };
});

describe('publishing to the registered target', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
    await db.query(
      `insert into public.generated_websites (user_id, site_slug, build_dir, build_hash)
       select id, slug, $1, 'abc' from public.users where slug = 'bakery'`,
      [makeSite('first', { seed: 7 })],
    );
  });
  afterAll(async () => {
    await db?.close();
  });
  const config = () => loadConfig(env);
  const publish = () =>
    publishSite({
      db,
      config: config(),
      user: 'bakery',
      target: 'folder',
      publishedBy: 'test',
      // This site has no template, so the gate refuses it: an operator publishes it anyway, unmeasured.
      force: true,
      skipScore: true,
    });

  it('publishes, remembers the site’s folder, records the history and rolls back', async () => {
    const first = await publish();
    expect(first).toMatchObject({ target: 'folder', action: 'publish', forced: true });
    const [site] = await db.query<{ deploy_remote: { folder: FolderSite }; deploy_id: string }>(
      `select deploy_remote, deploy_id from public.generated_websites where site_slug = 'bakery'`,
    );
    expect(site!.deploy_id).toBe(first.deploy_id);
    const folder = site!.deploy_remote.folder.dir;
    expect(folder.startsWith(`${root}/bakery-`)).toBe(true);
    expect(readFileSync(join(folder, 'LIVE'), 'utf8')).toBe(first.deploy_id);

    await db.query(`update public.generated_websites set build_dir = $1 where site_slug = 'bakery'`, [
      makeSite('second', { seed: 8 }),
    ]);
    const second = await publish();
    // The same folder again: what the target remembered was read back.
    expect(readFileSync(join(folder, 'LIVE'), 'utf8')).toBe(second.deploy_id);

    const back = await rollbackSite({ db, config: config(), user: 'bakery', by: 'test' });
    expect(back).toMatchObject({
      target: 'folder',
      deploy_id: first.deploy_id,
      replaced_deploy_id: second.deploy_id,
    });
    expect(readFileSync(join(folder, 'LIVE'), 'utf8')).toBe(first.deploy_id);
    const history = await db.query<{ action: string; target: string; status: string; site_id: string }>(
      `select action, target, status, site_id from public.website_deployments order by created_at, id`,
    );
    expect(history.map((h) => [h.action, h.target, h.status, h.site_id])).toEqual([
      ['publish', 'folder', 'superseded', folder],
      ['publish', 'folder', 'rolled_back', folder],
      ['rollback', 'folder', 'live', folder],
    ]);
  });

  it('names what the target remembers when it cannot read it back', async () => {
    await db.query(
      `update public.generated_websites set deploy_remote = '{"folder": {"dir": 5}}' where site_slug = 'bakery'`,
    );
    await expect(publish()).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('generated_websites.deploy_remote.folder'),
    });
  });
});
