import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { loadCatalog } from '../catalog/registry.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { approvalState } from '../deploy/approvals.ts';
import {
  findWebsite,
  insertDeployment,
  liveDeployments,
  markDraft,
  markFailed,
  markLive,
  saveDeployRemote,
  settleInterrupted,
  type Website,
} from '../deploy/deployments.ts';
import type { DeployDriver } from '../deploy/driver.ts';
import { readManifest } from '../deploy/manifest.ts';
import { lockSite } from '../deploy/site-lock.ts';
import { driverFor, siteOn } from '../deploy/targets.ts';
import { errors, isDreamseedError } from '../errors.ts';
import { readStoredScore, type ScoreReport, type ScoreSummary } from '../score/report.ts';
import type { Scorer } from '../score/scorer.ts';
import { loadBundleFromDb } from './load-dna.ts';
import { recordScore, scoreSite } from './score-site.ts';

/**
 * The deploy stage: publishes a founder's latest build when it clears the
 * gate, and records every attempt. In order: the target is usable (token…);
 * the required sections are approved; the build is scored (a stored score is
 * reused only for byte-identical files); nothing failed, or `force` overrides
 * it and the record says so; then, holding the site's deploy lock, the driver
 * uploads and switches atomically while `website_deployments` and
 * `generated_websites` follow: deploying → live (the previous one superseded),
 * draft, or failed with the reason (the previous deploy still live). A draft
 * changes nothing for visitors and is how founders preview before approving:
 * it is neither gated nor measured; what the gate would say comes back as
 * warnings.
 */
export interface PublishOptions {
  db: Database;
  config: Config;
  user: string;
  /** A registered target name (generator/deploy/targets.ts). */
  target: string;
  publishedBy: string;
  force?: boolean;
  draft?: boolean;
  /** Measure again even when a stored score matches the build. */
  rescore?: boolean;
  /** Operators, with `force` only: publish without measuring (recorded as not scored). */
  skipScore?: boolean;
  driver?: DeployDriver;
  scorer?: Scorer;
  onStep?: (name: string, ms: number, detail?: string) => void;
}

export interface PublishResult {
  slug: string;
  target: string;
  action: 'publish' | 'draft';
  deployment_id: string;
  deploy_id: string;
  url: string;
  preview_url: string;
  uploaded_files: number | null;
  forced: boolean;
  /** What the gate refused and `force` overrode. */
  overridden: string[];
  warnings: string[];
  scores: ScoreSummary | null;
  scored_now: boolean;
  timings_ms: Record<string, number>;
}

export async function publishSite(options: PublishOptions): Promise<PublishResult> {
  const { db, config } = options;
  const timings: Record<string, number> = {};
  const step = async <T>(
    name: string,
    fn: () => Promise<T>,
    detail?: (r: T) => string | undefined,
  ): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    timings[name] = Math.round(performance.now() - started);
    options.onStep?.(name, timings[name], detail?.(result));
    return result;
  };
  if (options.skipScore && !options.force && !options.draft) {
    throw errors.usage(
      'Skipping the score is only possible with --force.',
      'Publish with --force --no-score, or let it score.',
    );
  }
  const driver = options.driver ?? driverFor(options.target, config);
  driver.preflight();
  const website = await asService(db, (tx) => findWebsite(tx, options.user));
  const buildDir = requireBuild(website, options.user);

  const manifest = await step(
    'read build',
    () => readManifest(buildDir),
    (m) => `${m.files.length} files`,
  );
  const catalog = await loadCatalog();
  const template = website.templateId ? catalog.templates.get(website.templateId) : undefined;
  const approvals = template
    ? await asService(db, (tx) => approvalState(tx, website.id, template, website.siteStructure))
    : {
        blocking: [
          {
            page: null,
            key: null,
            status: 'unknown',
            reason: `The site's template "${website.templateId}" is not in the catalogue: regenerate the site`,
          },
        ],
        warnings: [],
      };

  // Sections still waiting for the founder refuse a publish at once: measuring the build first (half a
  // minute of Chromium and Lighthouse) would only delay the answer.
  if (!options.draft && !options.force && approvals.blocking.length) {
    throw errors.publishRefused(
      website.slug,
      approvals.blocking.map((b) => b.reason),
      { approvals: approvals.blocking, scores: storedFor(website, manifest.digest)?.summary ?? null },
      `Approve them (dreamseed sections approve) and publish again; the quality checks run then (\`dreamseed score --user ${website.slug}\` runs them now). An operator can override with --force (recorded as forced).`,
    );
  }

  // A draft changes nothing for visitors: it is how the founder previews before approving, so it is not
  // gated and not measured (a stored measurement of the same bytes is still attached).
  const { report, scoredNow, scoreProblem } = options.draft
    ? { report: storedFor(website, manifest.digest), scoredNow: false, scoreProblem: null }
    : await step(
        'score',
        () => scoreFor(options, website, buildDir, manifest.digest),
        (r) => (r.report ? (r.scoredNow ? 'measured' : 'stored score reused') : 'not measured'),
      );
  const reasons = [
    ...approvals.blocking.map((b) => b.reason),
    ...(scoreProblem ? [scoreProblem] : []),
    ...(report?.failures ?? []),
  ];
  if (report && !report.complete)
    reasons.push('The stored score is incomplete: run `dreamseed score --user` again.');
  const forced = !options.draft && reasons.length > 0;
  if (options.draft)
    approvals.warnings.push(...reasons.map((reason) => ({ page: null, key: null, status: 'draft', reason })));
  if (forced && !options.force) {
    throw errors.publishRefused(website.slug, reasons, {
      approvals: approvals.blocking,
      scores: report?.summary ?? null,
      reports_dir: report?.reports_dir ?? null,
    });
  }

  const lock = lockSite(config.stateDir, website.slug);
  try {
    const current = await readManifest(buildDir);
    if (current.digest !== manifest.digest) {
      throw errors.buildChanged('checking', website.slug);
    }
    const stored = siteOn(options.target, website);
    await settleInterrupted(db, website.id, options.target, () => driver.liveDeploy(stored));
    const site = await step('prepare target', async () => {
      const prepared = await driver.prepare(stored);
      // What the target set up (Netlify: the site it created) is remembered for the next publish.
      if (prepared.remote !== null && !isDeepStrictEqual(prepared.remote, stored.remote)) {
        await asService(db, (tx) => saveDeployRemote(tx, website.id, options.target, prepared.remote));
      }
      return prepared;
    });
    const action = options.draft ? 'draft' : 'publish';
    const deploymentId = await asService(db, (tx) =>
      insertDeployment(tx, {
        website,
        action,
        target: options.target,
        deployId: driver.plannedDeployId?.(manifest) ?? null,
        siteId: driver.siteId(site),
        contentDigest: manifest.digest,
        fileCount: manifest.files.length,
        bytes: manifest.bytes,
        scores: report?.summary ?? null,
        gateFailures: forced ? reasons : [],
        publishedBy: options.publishedBy,
        forced,
      }),
    );
    const started = performance.now();
    let result: Awaited<ReturnType<DeployDriver['deploy']>>;
    try {
      result = await step(
        options.draft ? 'upload draft' : 'deploy',
        () =>
          driver.deploy({
            site,
            dir: buildDir,
            manifest,
            live: !options.draft,
            message: `dreamseed ${action} of ${website.slug} by ${options.publishedBy}${forced ? ' (forced)' : ''}`,
          }),
        (r) => (r.uploadedFiles === null ? r.deployId : `${r.deployId}, ${r.uploadedFiles} files uploaded`),
      );
    } catch (error) {
      const reason = isDreamseedError(error) || error instanceof Error ? error.message : String(error);
      await asService(db, (tx) =>
        markFailed(tx, deploymentId, reason, Math.round(performance.now() - started)),
      );
      const live = await asService(db, (tx) => liveDeployments(tx, website.id));
      const stillLive = live.find((l) => l.target === options.target)?.deploy_id ?? null;
      throw errors.deployFailed(options.target, reason, stillLive, error);
    }
    const outcome = {
      deployId: result.deployId,
      url: result.url,
      previewUrl: result.previewUrl,
      uploadedFiles: result.uploadedFiles,
      durationMs: Math.round(performance.now() - started),
    };
    await asService(db, (tx) =>
      options.draft
        ? markDraft(tx, deploymentId, outcome)
        : markLive(tx, deploymentId, outcome, options.publishedBy),
    );
    return {
      slug: website.slug,
      target: options.target,
      action,
      deployment_id: deploymentId,
      deploy_id: result.deployId,
      url: result.url,
      preview_url: result.previewUrl,
      uploaded_files: result.uploadedFiles,
      forced,
      overridden: forced ? reasons : [],
      warnings: approvals.warnings.map((w) => w.reason),
      scores: report?.summary ?? null,
      scored_now: scoredNow,
      timings_ms: timings,
    };
  } finally {
    lock.release();
  }
}

function requireBuild(website: Website, user: string): string {
  if (!website.buildDir || !existsSync(website.buildDir)) {
    throw errors.noBuild(website.slug, website.buildDir, user);
  }
  return website.buildDir;
}

/** The stored report, when it measured exactly these bytes, completely. */
function storedFor(website: Website, digest: string): ScoreReport | null {
  const stored = readStoredScore(website.lighthouseScores);
  return stored && stored.content_digest === digest && stored.complete ? stored : null;
}

/**
 * The score to gate on: the stored one when it measured exactly these files and
 * is complete, else a new measurement (recorded). When the tools to measure are
 * missing, a forced publish goes ahead without scores (the reason is recorded);
 * otherwise that error, which says what to install, stops the publish.
 */
async function scoreFor(
  options: PublishOptions,
  website: Website,
  buildDir: string,
  digest: string,
): Promise<{ report: ScoreReport | null; scoredNow: boolean; scoreProblem: string | null }> {
  if (options.skipScore) {
    return {
      report: null,
      scoredNow: false,
      scoreProblem: 'The build was not scored: the operator skipped it (--no-score)',
    };
  }
  const stored = options.rescore ? null : storedFor(website, digest);
  if (stored) return { report: stored, scoredNow: false, scoreProblem: null };
  try {
    const bundle = await asService(options.db, (tx) => loadBundleFromDb(tx, website.userId));
    const report = await scoreSite({ dir: buildDir, bundle, scorer: options.scorer, onStep: options.onStep });
    await asService(options.db, (tx) => recordScore(tx, website.id, report));
    return { report, scoredNow: true, scoreProblem: null };
  } catch (error) {
    if (options.force && isDreamseedError(error) && error.code === 'TOOL_MISSING') {
      return { report: null, scoredNow: false, scoreProblem: `The build was not scored: ${error.message}` };
    }
    throw error;
  }
}
