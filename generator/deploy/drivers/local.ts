import { existsSync } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { isAlive } from '../../pid.ts';
import { type DeployDriver, type DeployInfo, defineDeployTarget, type SiteRef } from '../driver.ts';
import { type DeployManifest, readManifest } from '../manifest.ts';

/**
 * The embedded deploy target: a folder per site under `<state>/live/<slug>/`.
 *
 *   deploys/<id>/   one immutable deploy, named by its content digest (files read-only;
 *                   files unchanged since the live deploy are hard links to it)
 *   meta/<id>.json  when it was made and last made live, its files and digests
 *   current         symlink → deploys/<id>: what is live
 *
 * A deploy is copied into a hidden staging folder, checked against its manifest,
 * renamed into `deploys/` (atomic), and goes live by renaming a fresh symlink
 * over `current` (atomic). A process killed at any point leaves `current` on
 * the previous deploy, whole; its leftovers are swept by the next deploy. The
 * newest `keep` deploys (by last use) are kept, and always the live one.
 */
interface Meta {
  deploy_id: string;
  digest: string;
  created_at: string;
  activated_at: string | null;
  bytes: number;
  files: { path: string; sha1: string }[];
}

export const localTarget = defineDeployTarget({
  name: 'local',
  description:
    'a folder per site under <state>/live/ (the embedded default; `dreamseed preview --live` serves it)',
  env: z.object({
    /** How many deploys the local target keeps per site (the live one is always kept). */
    DREAMSEED_DEPLOY_KEEP: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'keep at least the live deploy: 1 or more')
      .max(1000)
      .default(10),
  }),
  // The folder is named by the site's slug: nothing to remember.
  remote: z.null(),
  create: (env, context) =>
    createLocalDriver({ root: join(context.stateDir, 'live'), keep: env.DREAMSEED_DEPLOY_KEEP }),
});

export function createLocalDriver(options: { root: string; keep: number }): DeployDriver<null> {
  const siteDir = (site: SiteRef<null>) => join(options.root, site.slug);
  const deploysDir = (site: SiteRef<null>) => join(siteDir(site), 'deploys');
  const metaFile = (site: SiteRef<null>, id: string) => join(siteDir(site), 'meta', `${id}.json`);
  const currentLink = (site: SiteRef<null>) => join(siteDir(site), 'current');

  const readMeta = async (site: SiteRef<null>, id: string): Promise<Meta | null> => {
    try {
      return JSON.parse(await readFile(metaFile(site, id), 'utf8')) as Meta;
    } catch {
      return null;
    }
  };
  const writeMeta = async (site: SiteRef<null>, meta: Meta) => {
    const file = metaFile(site, meta.deploy_id);
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    await writeFile(tmp, `${JSON.stringify(meta, null, 2)}\n`);
    await rename(tmp, file);
  };
  const live = async (site: SiteRef<null>): Promise<string | null> => {
    try {
      return (await readlink(currentLink(site))).split('/').pop() ?? null;
    } catch {
      return null;
    }
  };
  const switchTo = async (site: SiteRef<null>, id: string) => {
    const tmp = `${currentLink(site)}.tmp-${process.pid}-${Date.now()}`;
    await symlink(join('deploys', id), tmp);
    await rename(tmp, currentLink(site));
  };
  const urlOf = (path: string) => pathToFileURL(`${path}/`).toString();

  /** Removes what killed processes left behind: staging and trash folders of dead pids. */
  const sweep = async (site: SiteRef<null>) => {
    const dir = deploysDir(site);
    if (!existsSync(dir)) return;
    for (const name of await readdir(dir)) {
      const m = /^\.(staging|trash)-.*-(\d+)-\d+$/.exec(name);
      if (m && !isAlive(Number(m[2]))) await removeTree(join(dir, name));
    }
  };

  const prune = async (site: SiteRef<null>) => {
    const current = await live(site);
    const all = await driver.listDeploys(site);
    const keep = new Set(all.slice(0, options.keep).map((d) => d.deployId));
    if (current) keep.add(current);
    for (const d of all) {
      if (keep.has(d.deployId)) continue;
      // Out of `deploys/` first (one rename), so a half-deleted deploy never looks like one.
      const trash = join(deploysDir(site), `.trash-${d.deployId}-${process.pid}-${Date.now()}`);
      await rename(join(deploysDir(site), d.deployId), trash);
      await rm(metaFile(site, d.deployId), { force: true });
      await removeTree(trash);
    }
  };

  const driver: DeployDriver<null> = {
    name: 'local',
    preflight() {},
    async prepare(site) {
      await mkdir(deploysDir(site), { recursive: true });
      return site;
    },
    siteId: (site) => site.slug,
    plannedDeployId: (manifest: DeployManifest) => manifest.digest.slice(0, 16),
    async deploy(request) {
      const { site, manifest } = request;
      const id = manifest.digest.slice(0, 16);
      const target = join(deploysDir(site), id);
      await mkdir(deploysDir(site), { recursive: true });
      await sweep(site);
      let uploaded = 0;
      if (!existsSync(target)) {
        const currentId = await live(site);
        const previous = currentId ? await readMeta(site, currentId) : null;
        const reusable = new Map(
          previous?.files.map((f) => [f.sha1, join(deploysDir(site), currentId!, f.path)]),
        );
        const staging = join(deploysDir(site), `.staging-${id}-${process.pid}-${Date.now()}`);
        try {
          for (const [i, file] of manifest.files.entries()) {
            const dest = join(staging, file.path);
            await mkdir(dirname(dest), { recursive: true });
            const same = reusable.get(file.sha1);
            if (!same || !(await tryLink(same, dest))) {
              await copyFile(join(request.dir, file.path), dest);
              await chmod(dest, 0o444);
              uploaded++;
            }
            await request.onProgress?.({ phase: 'upload', done: i + 1, total: manifest.files.length });
          }
          const staged = await readManifest(staging);
          if (staged.digest !== manifest.digest) {
            throw errors.buildChanged('publishing', request.dir);
          }
          await rename(staging, target).catch((error: NodeJS.ErrnoException) => {
            // Another publish of the same content got there first: the same bytes are in place.
            if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
          });
        } finally {
          await removeTree(staging);
        }
      }
      const now = new Date().toISOString();
      const existing = await readMeta(site, id);
      await writeMeta(site, {
        deploy_id: id,
        digest: manifest.digest,
        created_at: existing?.created_at ?? now,
        activated_at: request.live ? now : (existing?.activated_at ?? null),
        bytes: manifest.bytes,
        files: manifest.files.map((f) => ({ path: f.path, sha1: f.sha1 })),
      });
      await request.onProgress?.({ phase: 'staged', deployId: id });
      if (request.live) {
        await switchTo(site, id);
        await request.onProgress?.({ phase: 'switched', deployId: id });
      }
      await prune(site);
      return {
        deployId: id,
        url: urlOf(request.live ? currentLink(site) : target),
        previewUrl: urlOf(target),
        uploadedFiles: uploaded,
      };
    },
    async rollback(site, deployId) {
      const dir = join(deploysDir(site), deployId);
      if (!/^[0-9a-f]{16}$/.test(deployId) || !existsSync(dir)) {
        throw errors.deployGone(deployId, options.keep);
      }
      await switchTo(site, deployId);
      const meta = await readMeta(site, deployId);
      if (meta) await writeMeta(site, { ...meta, activated_at: new Date().toISOString() });
      await prune(site);
      return { url: urlOf(currentLink(site)) };
    },
    liveDeploy: live,
    async listDeploys(site) {
      const dir = deploysDir(site);
      if (!existsSync(dir)) return [];
      const current = await live(site);
      const out: (DeployInfo & { used: string })[] = [];
      for (const name of await readdir(dir)) {
        if (name.startsWith('.')) continue;
        const meta = await readMeta(site, name);
        const used = [meta?.activated_at, meta?.created_at].filter(Boolean).sort().pop() ?? '';
        out.push({ deployId: name, createdAt: meta?.created_at ?? null, live: name === current, used });
      }
      return out
        .sort((a, b) => b.used.localeCompare(a.used) || a.deployId.localeCompare(b.deployId))
        .map(({ used: _used, ...d }) => d);
    },
    async keptDeploys(site) {
      return new Set((await driver.listDeploys(site)).map((d) => d.deployId));
    },
    /** The `current` link: resolve it per request to follow every switch. */
    liveDirectory: (site) => (existsSync(currentLink(site)) ? currentLink(site) : null),
  };
  return driver;
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch {
    return false;
  }
}

/** rm -rf (deploy files are read-only, but removal needs only the folder's permission). */
async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}
