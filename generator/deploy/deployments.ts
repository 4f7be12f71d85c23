import type { Database, Queryable } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import type { Json, WebsiteDeploymentsRow } from '../db/types.generated.ts';
import { errors } from '../errors.ts';

/**
 * The database side of publishing: the founder's website row
 * (`generated_websites`, the current state) and its deploy history
 * (`website_deployments`, one row per publish, draft or rollback). Run these as
 * the service role; each call is one short statement or transaction, never held
 * open across an upload.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Website {
  id: string;
  userId: string;
  slug: string;
  templateId: string | null;
  buildDir: string | null;
  buildHash: string | null;
  siteStructure: Json | null;
  /** What each deploy target remembers about the site, by target name (read it with `siteOn`, targets.ts). */
  deployRemote: Record<string, unknown>;
  deployId: string | null;
  deploymentStatus: string;
  lighthouseScores: Json | null;
}

export type Deployment = WebsiteDeploymentsRow;

export async function findWebsite(tx: Queryable, idOrSlug: string): Promise<Website> {
  const by = UUID.test(idOrSlug) ? 'u.id' : 'u.slug';
  const [user] = await tx.query<{ id: string; slug: string }>(
    `select u.id, u.slug from public.users u where ${by} = $1`,
    [idOrSlug],
  );
  if (!user) throw errors.notFound('founder', idOrSlug, 'Run `dreamseed demo list` to see founders.');
  const [row] = await tx.query<{
    id: string;
    site_slug: string | null;
    template_id: string | null;
    build_dir: string | null;
    build_hash: string | null;
    site_structure: Json | null;
    deploy_remote: Record<string, unknown>;
    deploy_id: string | null;
    deployment_status: string;
    lighthouse_scores: Json | null;
  }>(
    `select id, site_slug, template_id, build_dir, build_hash, site_structure, deploy_remote, deploy_id, deployment_status, lighthouse_scores
       from public.generated_websites where user_id = $1
      order by last_built_at desc nulls last, created_at desc limit 1`,
    [user.id],
  );
  if (!row) {
    throw errors.notFound(
      'website for founder',
      idOrSlug,
      `Generate it first: dreamseed generate --user ${idOrSlug}`,
    );
  }
  return {
    id: row.id,
    userId: user.id,
    slug: row.site_slug ?? user.slug,
    templateId: row.template_id,
    buildDir: row.build_dir,
    buildHash: row.build_hash,
    siteStructure: row.site_structure,
    deployRemote: row.deploy_remote,
    deployId: row.deploy_id,
    deploymentStatus: row.deployment_status,
    lighthouseScores: row.lighthouse_scores,
  };
}

/** The website whose latest build is in `dir`, if any (so `dreamseed score DIR` can record its scores). */
export async function findWebsiteByBuildDir(
  tx: Queryable,
  dir: string,
): Promise<{ id: string; userId: string; slug: string } | null> {
  const [row] = await tx.query<{ id: string; user_id: string; slug: string }>(
    `select w.id, w.user_id, u.slug from public.generated_websites w join public.users u on u.id = w.user_id
      where w.build_dir = $1 order by w.last_built_at desc nulls last limit 1`,
    [dir],
  );
  return row ? { id: row.id, userId: row.user_id, slug: row.slug } : null;
}

export async function saveScores(tx: Queryable, websiteId: string, report: unknown): Promise<void> {
  await tx.query('update public.generated_websites set lighthouse_scores = $2 where id = $1', [
    websiteId,
    JSON.stringify(report),
  ]);
}

/** Stores what a deploy target remembers about the site (its `SiteRef.remote`), under the target's name. */
export async function saveDeployRemote(tx: Queryable, websiteId: string, target: string, remote: unknown) {
  await tx.query(
    `update public.generated_websites set deploy_remote = deploy_remote || jsonb_build_object($2::text, $3::jsonb)
      where id = $1`,
    [websiteId, target, JSON.stringify(remote)],
  );
}

export interface NewDeployment {
  website: Website;
  action: 'publish' | 'draft' | 'rollback';
  target: string;
  deployId: string | null;
  siteId: string | null;
  contentDigest: string | null;
  fileCount: number | null;
  bytes: number | null;
  scores: unknown;
  gateFailures: string[];
  publishedBy: string;
  forced: boolean;
  restoredFrom?: string | null;
}

export async function insertDeployment(tx: Queryable, d: NewDeployment): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into public.website_deployments
       (website_id, user_id, action, target, deploy_id, site_id, status, build_hash, content_digest, file_count, bytes,
        scores, gate_failures, published_by, forced, restored_from)
     values ($1, $2, $3, $4, $5, $6, 'deploying', $7, $8, $9, $10, $11, $12, $13, $14, $15)
     returning id`,
    [
      d.website.id,
      d.website.userId,
      d.action,
      d.target,
      d.deployId,
      d.siteId,
      d.website.buildHash,
      d.contentDigest,
      d.fileCount,
      d.bytes,
      d.scores === null || d.scores === undefined ? null : JSON.stringify(d.scores),
      d.gateFailures,
      d.publishedBy,
      d.forced,
      d.restoredFrom ?? null,
    ],
  );
  return row!.id;
}

export interface Outcome {
  deployId: string;
  url: string;
  previewUrl: string | null;
  uploadedFiles: number | null;
  durationMs: number;
}

/**
 * Records a deploy that went live: the website's previous live deploy on that
 * target becomes `superseded` (or `rolled_back` when a rollback replaced it),
 * this one `live`, and generated_websites points at it.
 */
export async function markLive(
  tx: Queryable,
  id: string,
  outcome: Outcome,
  publishedBy: string,
  replacedStatus: 'superseded' | 'rolled_back' = 'superseded',
): Promise<void> {
  const [row] = await tx.query<{ website_id: string; target: string; action: string }>(
    'select website_id, target, action from public.website_deployments where id = $1',
    [id],
  );
  if (!row) throw new Error(`deployment ${id} vanished`);
  await tx.query(
    `update public.website_deployments set status = $3, finished_at = coalesce(finished_at, now())
      where website_id = $1 and target = $2 and is_live and id <> $4`,
    [row.website_id, row.target, replacedStatus, id],
  );
  await tx.query(
    `update public.website_deployments
        set status = 'live', deploy_id = $2, url = $3, preview_url = $4, uploaded_files = $5, duration_ms = $6,
            error = null, live_at = now(), finished_at = now()
      where id = $1`,
    [id, outcome.deployId, outcome.url, outcome.previewUrl, outcome.uploadedFiles, outcome.durationMs],
  );
  await tx.query(
    `update public.generated_websites
        set deploy_id = $2, deployment_url = $3, deployment_status = $4, deployed_at = now(), published_by = $5,
            deploy_error = null
      where id = $1`,
    [
      row.website_id,
      outcome.deployId,
      outcome.url,
      row.action === 'rollback' ? 'rolled_back' : 'live',
      publishedBy,
    ],
  );
}

export async function markDraft(tx: Queryable, id: string, outcome: Outcome): Promise<void> {
  const [row] = await tx.query<{ website_id: string }>(
    `update public.website_deployments
        set status = 'draft', deploy_id = $2, url = $3, preview_url = $4, uploaded_files = $5, duration_ms = $6,
            finished_at = now()
      where id = $1 returning website_id`,
    [id, outcome.deployId, outcome.url, outcome.previewUrl, outcome.uploadedFiles, outcome.durationMs],
  );
  await tx.query('update public.generated_websites set preview_url = $2 where id = $1', [
    row!.website_id,
    outcome.url,
  ]);
}

/** A deploy that did not go live: recorded with the reason; the site's state says what is still live. */
export async function markFailed(
  tx: Queryable,
  id: string,
  reason: string,
  durationMs: number | null,
): Promise<void> {
  const [row] = await tx.query<{ website_id: string; action: string }>(
    `update public.website_deployments set status = 'failed', error = $2, duration_ms = $3, finished_at = now()
      where id = $1 returning website_id, action`,
    [id, reason, durationMs],
  );
  if (!row) return;
  const live = await liveDeployments(tx, row.website_id);
  await tx.query(
    `update public.generated_websites set deploy_error = $2, deployment_status = $3 where id = $1`,
    [
      row.website_id,
      live.length
        ? `The ${row.action} at ${new Date().toISOString()} failed: ${reason}. Deploy ${live[0]!.deploy_id} is still live.`
        : `The ${row.action} at ${new Date().toISOString()} failed: ${reason}.`,
      live.length ? (live[0]!.action === 'rollback' ? 'rolled_back' : 'live') : 'failed',
    ],
  );
}

export function liveDeployments(tx: Queryable, websiteId: string): Promise<Deployment[]> {
  return tx.query<Deployment>(
    'select * from public.website_deployments where website_id = $1 and is_live order by live_at desc',
    [websiteId],
  );
}

export function listDeployments(tx: Queryable, websiteId: string): Promise<Deployment[]> {
  return tx.query<Deployment>(
    'select * from public.website_deployments where website_id = $1 order by created_at desc, id',
    [websiteId],
  );
}

export async function hasStaleDeployments(
  tx: Queryable,
  websiteId: string,
  target: string,
): Promise<boolean> {
  const [row] = await tx.query<{ n: number }>(
    `select count(*)::int as n from public.website_deployments where website_id = $1 and target = $2 and status = 'deploying'`,
    [websiteId, target],
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Settles rows left `deploying` by a process that died (the caller holds the
 * site's deploy lock, so nobody else is deploying it): a row whose deploy is
 * live on the target is recorded live, every other one failed.
 */
export async function reconcile(
  tx: Queryable,
  websiteId: string,
  target: string,
  liveDeployId: string | null,
): Promise<number> {
  const stale = await tx.query<Deployment>(
    `select * from public.website_deployments where website_id = $1 and target = $2 and status = 'deploying'
      order by created_at`,
    [websiteId, target],
  );
  for (const row of stale) {
    if (liveDeployId && row.deploy_id === liveDeployId) {
      await markLive(
        tx,
        row.id,
        {
          deployId: liveDeployId,
          url: row.url ?? '',
          previewUrl: row.preview_url,
          uploadedFiles: null,
          durationMs: 0,
        },
        row.published_by,
        row.action === 'rollback' ? 'rolled_back' : 'superseded',
      );
    } else {
      await markFailed(
        tx,
        row.id,
        'interrupted: the publishing process stopped before this deploy went live',
        null,
      );
    }
  }
  return stale.length;
}

/**
 * Before a publish or rollback, under the site lock: rows a dead process left
 * `deploying` on this target are settled from what the target serves now.
 */
export async function settleInterrupted(
  db: Database,
  websiteId: string,
  target: string,
  liveDeploy: () => Promise<string | null>,
): Promise<void> {
  if (!(await asService(db, (tx) => hasStaleDeployments(tx, websiteId, target)))) return;
  const live = await liveDeploy();
  await asService(db, (tx) => reconcile(tx, websiteId, target, live));
}
