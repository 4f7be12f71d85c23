import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { errors, isDreamseedError } from '../errors.ts';
import {
  type Deployment,
  findWebsite,
  insertDeployment,
  listDeployments,
  markFailed,
  markLive,
  settleInterrupted,
} from './deployments.ts';
import type { DeployDriver } from './driver.ts';
import { lockSite } from './site-lock.ts';
import { driverFor, siteOn } from './targets.ts';

/**
 * Makes an earlier deploy live again, instantly: no rebuild, no upload, one
 * atomic switch on the target (the driver's `rollback`: the local `current`
 * link, Netlify's restore).
 * By default the deploy that was live before the current one; `to` picks any
 * earlier one by its deploy id or record id (or a prefix of either). The
 * rollback is recorded as its own row (`restored_from` the earlier record), and
 * the deploy it replaced becomes `rolled_back`.
 */
export interface RollbackOptions {
  db: Database;
  config: Config;
  user: string;
  to?: string | undefined;
  /** A registered target name (targets.ts); default: where the site is live, else the configured one. */
  target?: string | undefined;
  by: string;
  driver?: DeployDriver;
}

export interface RollbackResult {
  slug: string;
  target: string;
  deployment_id: string;
  deploy_id: string;
  restored_from: string;
  replaced_deploy_id: string | null;
  url: string;
  duration_ms: number;
}

const WAS_LIVE = new Set(['superseded', 'rolled_back']);

export async function rollbackSite(options: RollbackOptions): Promise<RollbackResult> {
  const { db, config } = options;
  const website = await asService(db, (tx) => findWebsite(tx, options.user));
  const before = await asService(db, (tx) => listDeployments(tx, website.id));
  const target = options.target ?? before.find((d) => d.is_live)?.target ?? config.deploy.target;
  const driver = options.driver ?? driverFor(target, config);
  driver.preflight();
  const site = siteOn(target, website);

  const lock = lockSite(config.stateDir, website.slug);
  try {
    await settleInterrupted(db, website.id, target, () => driver.liveDeploy(site));
    const history = (await asService(db, (tx) => listDeployments(tx, website.id))).filter(
      (d) => d.target === target,
    );
    const current = history.find((d) => d.is_live) ?? null;
    const chosen = pick(history, current, options.to, website.slug);
    const rowId = await asService(db, (tx) =>
      insertDeployment(tx, {
        website,
        action: 'rollback',
        target,
        deployId: chosen.deploy_id,
        siteId: chosen.site_id,
        contentDigest: chosen.content_digest,
        fileCount: chosen.file_count,
        bytes: chosen.bytes === null ? null : Number(chosen.bytes),
        scores: chosen.scores,
        gateFailures: [],
        publishedBy: options.by,
        forced: false,
        restoredFrom: chosen.id,
      }),
    );
    const started = performance.now();
    let url: string;
    try {
      url = (await driver.rollback(site, chosen.deploy_id!)).url;
    } catch (error) {
      const reason = isDreamseedError(error) || error instanceof Error ? error.message : String(error);
      await asService(db, (tx) => markFailed(tx, rowId, reason, Math.round(performance.now() - started)));
      if (isDreamseedError(error)) throw error;
      throw errors.deployFailed(target, reason, current?.deploy_id ?? null, error);
    }
    const durationMs = Math.round(performance.now() - started);
    await asService(db, (tx) =>
      markLive(
        tx,
        rowId,
        { deployId: chosen.deploy_id!, url, previewUrl: chosen.preview_url, uploadedFiles: 0, durationMs },
        options.by,
        'rolled_back',
      ),
    );
    return {
      slug: website.slug,
      target,
      deployment_id: rowId,
      deploy_id: chosen.deploy_id!,
      restored_from: chosen.id,
      replaced_deploy_id: current?.deploy_id ?? null,
      url,
      duration_ms: durationMs,
    };
  } finally {
    lock.release();
  }
}

function pick(
  history: Deployment[],
  current: Deployment | null,
  to: string | undefined,
  slug: string,
): Deployment {
  const earlier = history
    .filter((d) => d.deploy_id && WAS_LIVE.has(d.status))
    .sort((a, b) => (b.live_at?.getTime() ?? 0) - (a.live_at?.getTime() ?? 0));
  if (!to) {
    const previous = earlier.find((d) => d.deploy_id !== current?.deploy_id);
    if (!previous) {
      throw errors.nothingToRollBack(slug, current);
    }
    return previous;
  }
  const wanted = to.trim().toLowerCase();
  if (wanted.length < 4)
    throw errors.usage(
      `--to ${to} is too short to name a deploy.`,
      'Give at least 4 characters of a deploy id.',
    );
  const matches = history.filter(
    (d) => d.id.startsWith(wanted) || (d.deploy_id ?? '').toLowerCase().startsWith(wanted),
  );
  const distinct = [...new Set(matches.map((d) => d.deploy_id))];
  if (!matches.length)
    throw errors.notFound('deploy', to, 'See the deploys with `dreamseed deploys --user ID`.');
  if (distinct.length > 1) {
    throw errors.usage(
      `--to ${to} matches ${distinct.length} deploys.`,
      'Give more characters of the deploy id.',
    );
  }
  if (current && distinct[0] === current.deploy_id) {
    throw errors.usage(`Deploy ${current.deploy_id} is already live.`, 'Nothing to do.');
  }
  const usable = matches.find((d) => WAS_LIVE.has(d.status));
  if (!usable) {
    throw errors.usage(
      `Deploy ${matches[0]!.deploy_id ?? to} was never live (${matches[0]!.status}), so there is nothing to roll back to.`,
      'To put a draft live, publish the build: dreamseed publish --user ID.',
    );
  }
  return usable;
}
