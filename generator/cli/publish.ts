import { userInfo } from 'node:os';
import { type Config, loadConfig } from '../config.ts';
import { asService } from '../db/roles.ts';
import { type Deployment, findWebsite, listDeployments, type Website } from '../deploy/deployments.ts';
import { rollbackSite } from '../deploy/rollback.ts';
import { driverFor, isTargetName, siteOn, targetNames } from '../deploy/targets.ts';
import { findFounder } from '../dna/find-founder.ts';
import { errors, isDreamseedError } from '../errors.ts';
import { setAutoPublish } from '../jobs/auto-publish.ts';
import type { ScoreSummary } from '../score/report.ts';
import { publishSite } from '../stages/deploy-site.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printJson, printTable, warn } from './output.ts';
import { withDb } from './with-db.ts';

/**
 * `dreamseed publish`, `rollback` and `deploys`: put a founder's latest build
 * live when it clears the gate (approved sections, scores, checks), go back to
 * an earlier deploy instantly, and list the history. The targets are the
 * registered ones (generator/deploy/targets.ts): `local`, the embedded default
 * served by `dreamseed preview --live --user ID`, and `netlify`.
 */
interface PublishFlags extends JsonFlag {
  user?: string;
  auto?: string;
  target?: string;
  draft?: boolean;
  force?: boolean;
  rescore?: boolean;
  score?: boolean;
  by?: string;
}

/** `dreamseed publish` (declared in commands/publish.ts). */
export async function publish(flags: PublishFlags): Promise<void> {
  const config = loadConfig();
  if (flags.auto !== undefined) return setAuto(flags);
  const target = targetOf(flags.target, config);
  const by = publisher(flags.by);
  const result = await withDb((db) =>
    publishSite({
      db,
      config,
      user: flags.user!,
      target,
      publishedBy: by,
      force: flags.force ?? false,
      draft: flags.draft ?? false,
      rescore: flags.rescore ?? false,
      skipScore: flags.score === false,
      onStep: (name, ms, detail) =>
        info(
          `${paint('green', '✓')} ${name.padEnd(26)} ${paint('dim', `${ms} ms`)}${detail ? `  ${detail}` : ''}`,
        ),
    }),
  ).catch((error: unknown) => {
    if (flags.json && isDreamseedError(error) && error.code === 'PUBLISH_REFUSED') {
      printJson({ published: false, ...error.toJSON() });
    }
    throw error;
  });
  printResult(flags, { published: result.action === 'publish', ...result }, () => {
    info('');
    if (result.forced) {
      warn(
        `published with --force by ${by}: ${result.overridden.length} gate failures overridden (recorded).`,
      );
      for (const r of result.overridden) info(`  - ${r}`);
    }
    for (const w of result.warnings) warn(w);
    const uploaded = result.uploaded_files === null ? '' : `, ${result.uploaded_files} files uploaded`;
    if (result.action === 'draft') {
      info(
        `${paint('bold', result.slug)}: draft ${result.deploy_id} on ${result.target}${uploaded}. Nothing changed for visitors.`,
      );
      info(`Preview: ${paint('bold', result.url)}`);
    } else {
      info(
        `${paint('green', 'Live:')} ${paint('bold', result.slug)} deploy ${result.deploy_id} on ${result.target}${uploaded}.`,
      );
      info(`URL: ${paint('bold', result.url)}`);
      if (driverFor(result.target, config).liveDirectory)
        info(`See it: dreamseed preview --live --user ${flags.user}`);
    }
    if (result.scores) info(`Scores: ${scoreLine(result.scores)}`);
    process.stdout.write(`${result.url}\n`);
  });
}

/** `dreamseed rollback` (declared in commands/rollback.ts). */
export async function rollback(flags: PublishFlags & { to?: string }): Promise<void> {
  const config = loadConfig();
  const result = await withDb((db) =>
    rollbackSite({
      db,
      config,
      user: flags.user!,
      to: flags.to,
      target: flags.target ? targetOf(flags.target, config) : undefined,
      by: publisher(flags.by),
    }),
  );
  printResult(flags, result, () => {
    info(
      `${paint('green', 'Rolled back:')} ${paint('bold', result.slug)} is live on deploy ${result.deploy_id} again (${result.target}, ${result.duration_ms} ms)` +
        (result.replaced_deploy_id ? `; ${result.replaced_deploy_id} is no longer live.` : '.'),
    );
    info(`URL: ${paint('bold', result.url)}`);
    process.stdout.write(`${result.url}\n`);
  });
}

/** `dreamseed deploys` (declared in commands/deploys.ts). */
export async function deploys(flags: JsonFlag & { user: string }): Promise<void> {
  const config = loadConfig();
  const { website, rows } = await withDb((db) =>
    asService(db, async (tx) => {
      const website = await findWebsite(tx, flags.user);
      return { website, rows: await listDeployments(tx, website.id) };
    }),
  );
  const kept = await keptDeploys(config, website, rows);
  const history = rows.map((r) => ({
    id: r.id,
    created_at: r.created_at,
    action: r.action,
    target: r.target,
    deploy_id: r.deploy_id,
    status: r.status,
    live: r.is_live === true,
    url: r.url,
    scores: r.scores as ScoreSummary | null,
    published_by: r.published_by,
    forced: r.forced,
    gate_failures: r.gate_failures,
    restored_from: r.restored_from,
    uploaded_files: r.uploaded_files,
    duration_ms: r.duration_ms,
    error: r.error,
    // Deploys past a target's retention limit (local: DREAMSEED_DEPLOY_KEEP) are gone.
    available: r.deploy_id !== null && (kept.get(r.target)?.has(r.deploy_id) ?? true),
  }));
  printResult(flags, { slug: website.slug, deploys: history }, () => {
    if (!history.length) {
      info(`${website.slug} has not been published yet: dreamseed publish --user ${flags.user}`);
      return;
    }
    printTable(
      history.map((h) => ({
        when:
          h.created_at instanceof Date
            ? h.created_at.toISOString().replace('T', ' ').slice(0, 19)
            : h.created_at,
        action: h.action,
        target: h.target,
        deploy: h.deploy_id?.slice(0, 16) ?? '-',
        status: `${h.status}${h.live ? ' ●' : ''}${h.forced ? ' (forced)' : ''}`,
        scores: h.scores ? scoreLine(h.scores, true) : '-',
        by: h.published_by,
        note: h.error ?? (h.available ? '' : 'no longer kept'),
      })),
      ['when', 'action', 'target', 'deploy', 'status', 'scores', 'by', 'note'],
    );
  });
}

/**
 * The deploys each target of the history still holds, for the targets that drop
 * old ones (`keptDeploys`); a target missing here keeps all of its deploys.
 */
async function keptDeploys(
  config: Config,
  website: Website,
  rows: Deployment[],
): Promise<Map<string, Set<string>>> {
  const kept = new Map<string, Set<string>>();
  for (const target of new Set(rows.map((r) => r.target))) {
    if (!isTargetName(target)) continue;
    const driver = driverFor(target, config);
    if (driver.keptDeploys) kept.set(target, await driver.keptDeploys(siteOn(target, website)));
  }
  return kept;
}

/** `publish --auto on|off`: the founder's auto-publish setting; publishes nothing now. */
async function setAuto(flags: PublishFlags): Promise<void> {
  if (flags.auto !== 'on' && flags.auto !== 'off')
    throw errors.usage(`--auto must be on or off, not "${flags.auto}".`);
  const on = flags.auto === 'on';
  const target = on && flags.target ? flags.target : null;
  const founder = await withDb((db) =>
    asService(db, async (tx) => {
      const f = await findFounder(tx, flags.user!);
      await setAutoPublish(tx, f.id, on, target);
      return f;
    }),
  );
  printResult(flags, { user: founder.slug, auto_publish: on, target }, () =>
    info(
      on
        ? `${paint('bold', founder.slug)}: automatic builds that pass the publish gate now go live${target ? ` on ${target}` : ''} (never forced).`
        : `${paint('bold', founder.slug)}: automatic builds refresh the preview only; publish with \`dreamseed publish --user ${founder.slug}\`.`,
    ),
  );
}

function targetOf(flag: string | undefined, config: Config): string {
  const target = flag ?? config.deploy.target;
  if (!isTargetName(target)) {
    throw errors.usage(`--target ${target} is not a deploy target.`, `Use ${targetNames().join(' or ')}.`);
  }
  return target;
}

function publisher(by: string | undefined): string {
  const name = by?.trim() || `operator:${safeLogin()}`;
  if (name.length > 200) throw errors.usage('--by is longer than 200 characters.', 'Give a name or an id.');
  return name;
}

function safeLogin(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function scoreLine(scores: ScoreSummary, short = false): string {
  const home = scores.lighthouse?.['/ mobile'];
  const lh = home
    ? `${home.performance}/${home.accessibility}/${home['best-practices']}/${home.seo}`
    : 'not measured';
  if (short) return lh;
  return `mobile home ${lh} (perf/a11y/best practices/SEO); ${scores.html_errors} HTML errors, ${scores.axe_violations} axe violations, ${scores.broken_links} broken links${scores.passed ? '' : `; ${scores.failures} failures`}`;
}
