import type { Config } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { findWebsite, liveDeployments } from '../deploy/deployments.ts';
import type { DeployDriver } from '../deploy/driver.ts';
import { readManifest } from '../deploy/manifest.ts';
import { isTargetName, targetNames } from '../deploy/targets.ts';
import { errors, isDreamseedError } from '../errors.ts';
import type { Scorer } from '../score/scorer.ts';
import { publishSite } from '../stages/deploy-site.ts';

/**
 * After an automatic build: publish it only when the founder turned
 * auto-publish on (`dreamseed publish --auto on`), and then only through the
 * publish gate (approved sections, scores, checks; never forced). Exactly
 * these bytes already live on the target → nothing to do, so a build that is
 * run twice (a retry, a worker that died after publishing) never deploys
 * twice. A gate refusal is an outcome, not a failure: the preview is fresh and
 * the founder sees why it did not go live.
 */
export type AutoPublishOutcome =
  | { status: 'off' }
  /** Only template versions changed (`templates sync`): a designer's change is previewed, never published by itself. */
  | { status: 'preview-only'; reason: string }
  | { status: 'already-live'; target: string; deploy_id: string | null }
  | { status: 'published'; target: string; deploy_id: string; url: string }
  | { status: 'refused'; target: string; reasons: string[] };

export const AUTO_PUBLISHER = 'auto:worker';

export async function autoPublish(
  db: Database,
  userId: string,
  config: Config,
  options: { driver?: DeployDriver | undefined; scorer?: Scorer | undefined } = {},
): Promise<AutoPublishOutcome> {
  const setting = await asService(db, (tx) => autoPublishSetting(tx, userId));
  if (!setting?.auto_publish) return { status: 'off' };
  const target = setting.auto_publish_target ?? config.deploy.target;
  const website = await asService(db, (tx) => findWebsite(tx, userId));
  if (website.buildDir) {
    const manifest = await readManifest(website.buildDir);
    const live = (await asService(db, (tx) => liveDeployments(tx, website.id))).find(
      (d) => d.target === target,
    );
    if (live?.content_digest === manifest.digest)
      return { status: 'already-live', target, deploy_id: live.deploy_id };
  }
  try {
    const result = await publishSite({
      db,
      config,
      user: userId,
      target,
      publishedBy: AUTO_PUBLISHER,
      driver: options.driver,
      scorer: options.scorer,
    });
    return { status: 'published', target, deploy_id: result.deploy_id, url: result.url };
  } catch (error) {
    if (isDreamseedError(error) && error.code === 'PUBLISH_REFUSED')
      return { status: 'refused', target, reasons: (error.data?.reasons as string[] | undefined) ?? [] };
    throw error;
  }
}

export async function autoPublishSetting(
  tx: Queryable,
  userId: string,
): Promise<{ auto_publish: boolean; auto_publish_target: string | null } | undefined> {
  const [row] = await tx.query<{ auto_publish: boolean; auto_publish_target: string | null }>(
    `select auto_publish, auto_publish_target from public.generated_websites
      where user_id = $1 order by last_built_at desc nulls last, created_at desc limit 1`,
    [userId],
  );
  return row;
}

/** `dreamseed publish --auto on|off`: the founder's choice, stored on their website. */
export async function setAutoPublish(
  tx: Queryable,
  userId: string,
  on: boolean,
  target: string | null,
): Promise<void> {
  if (target !== null && !isTargetName(target))
    throw errors.usage(`There is no deploy target "${target}".`, `Use one of: ${targetNames().join(', ')}.`);
  const rows = await tx.query(
    `update public.generated_websites set auto_publish = $2, auto_publish_target = $3
      where id = (select id from public.generated_websites where user_id = $1
                   order by last_built_at desc nulls last, created_at desc limit 1)
      returning id`,
    [userId, on, target],
  );
  if (!rows.length)
    throw errors.notFound(
      'website for founder',
      userId,
      `Build it first (dreamseed generate --user ${userId}); auto-publish is a setting of the website.`,
    );
}
