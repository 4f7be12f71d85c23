import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { asService } from '../db/roles.ts';
import { findWebsite } from '../deploy/deployments.ts';
import { type StaticHost, startStaticHost } from '../deploy/static-host.ts';
import { deployTargets, driverFor, siteOn } from '../deploy/targets.ts';
import { errors } from '../errors.ts';
import { info, paint } from './output.ts';
import { withDb } from './with-db.ts';

/**
 * `dreamseed preview DIR` and `preview --live --user ID`: a site on 127.0.0.1
 * as visitors get it, through the same static host the scorer measures
 * (generator/deploy/static-host.ts): the site's `_headers` (CSP, caching…),
 * compression, pretty URLs and its own 404 page.
 */
export function serveDirectory(dir: string, port: number): Promise<StaticHost> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw errors.usage(
      `${dir} is not a built site directory.`,
      'Build one first: dreamseed generate --demo bakery',
    );
  }
  return startStaticHost(root, { port });
}

/**
 * Serves what is live for a founder on a target that serves from a folder on
 * this machine (the local target), following every publish and rollback.
 */
export async function serveLive(user: string, port: number): Promise<{ url: string; slug: string }> {
  const config = loadConfig();
  const website = await withDb((db) => asService(db, (tx) => findWebsite(tx, user)));
  const served = deployTargets().flatMap((target) => {
    const driver = driverFor(target.name, config);
    if (!driver.liveDirectory) return [];
    const site = siteOn(target.name, website);
    return [{ name: target.name, live: () => driver.liveDirectory!(site) }];
  });
  const target = served.find((t) => t.live()) ?? null;
  if (!target) {
    throw errors.usage(
      `Nothing of ${website.slug} is live on the ${served.map((t) => t.name).join(' or ')} target.`,
      `Publish it first: dreamseed publish --user ${user}`,
    );
  }
  const host = await startStaticHost(
    () => {
      const live = target.live();
      return live ? realpathSync(live) : null;
    },
    { port },
  );
  return { url: host.url, slug: website.slug };
}

/** `dreamseed preview` (declared in commands/preview.ts). */
export async function preview(
  dir: string | undefined,
  flags: { port: string; live?: boolean; user?: string },
): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw errors.usage(`--port ${flags.port} is not a port number.`, 'Use 0–65535.');
  if (flags.live || flags.user) {
    if (!flags.live || !flags.user || dir)
      throw errors.usage(
        'Serve a live site with --live --user ID (and no directory).',
        'Example: dreamseed preview --live --user bakery',
      );
    const live = await serveLive(flags.user, port);
    info(
      `${paint('green', 'Serving')} what is live for ${live.slug} at ${paint('bold', live.url)} (follows publishes and rollbacks) — press Ctrl-C to stop.`,
    );
    process.stdout.write(`${live.url}\n`);
    await new Promise(() => {});
  }
  if (!dir)
    throw errors.usage(
      'preview needs a site directory, or --live --user ID.',
      'Example: dreamseed preview .dreamseed/sites/bakery',
    );
  const { url } = await serveDirectory(dir, port);
  info(`${paint('green', 'Serving')} ${dir} at ${paint('bold', url)} — press Ctrl-C to stop.`);
  process.stdout.write(`${url}\n`);
  await new Promise(() => {});
}
