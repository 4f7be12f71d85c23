import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { asService } from '../db/roles.ts';
import { resolveDatabaseTarget } from '../db/target.ts';
import { findWebsite, findWebsiteByBuildDir } from '../deploy/deployments.ts';
import { readBundleFile } from '../dna/bundle-file.ts';
import { loadBundleFromDb } from '../dna/load-from-db.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { errors } from '../errors.ts';
import { formatBytes } from '../score/gate.ts';
import type { ScoreReport } from '../score/report.ts';
import { FULL_RUNS, type RunSpec } from '../score/scorer.ts';
import { recordScore, scoreSite } from '../stages/score-site.ts';
import { info, paint, printJson, printTable } from './output.ts';

/**
 * `dreamseed score [DIR] [--user ID | --dna FILE] [--quick] [--json]`: measures a
 * built site and prints the Lighthouse scores, Core Web Vitals, failing audits
 * and every reviewer check. With a founder (--user, or a DIR that is a
 * founder's latest build) the report is stored on generated_websites and
 * JSON-LD is checked against their DNA. Exits 1 when the site would not pass
 * the publish gate, so it can guard a pipeline.
 */
interface ScoreFlags {
  user?: string;
  dna?: string;
  quick?: boolean;
  json?: boolean;
}

export const QUICK_RUNS: RunSpec[] = [{ page: 'home', form_factor: 'mobile' }];

export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description(
      'measure a built site: Lighthouse (mobile + desktop), HTML validity, axe, links, JSON-LD, headers, budgets',
    )
    .argument('[dir]', 'the built site (default: the founder’s latest build, with --user)')
    .option('--user <id>', 'a founder by user id or slug: score their latest build and store the report')
    .option('--dna <file>', 'a DNA bundle to check the JSON-LD facts against (for a site built with --dna)')
    .option('--quick', 'Lighthouse on the mobile home page only (a partial report: publishing scores again)')
    .option('--json', 'print the whole report as JSON on stdout')
    .action(async (dir: string | undefined, flags: ScoreFlags) => {
      if (!dir && !flags.user) {
        throw errors.usage(
          'score needs a site directory or --user ID.',
          'Example: dreamseed score .dreamseed/sites/bakery',
        );
      }
      if (flags.user && flags.dna)
        throw errors.usage(
          'Give --user or --dna, not both.',
          'The founder’s DNA comes from the database with --user.',
        );
      // With --dna the founder's facts come from the file; otherwise the database (if there is one) knows the site.
      const db = flags.dna ? null : await openExistingDatabase(Boolean(flags.user));
      try {
        let target = dir ? resolve(dir) : '';
        let websiteId: string | null = null;
        let bundle: DnaBundle | null = flags.dna ? await readBundleFile(flags.dna) : null;
        if (db) {
          const site = flags.user
            ? await asService(db, (tx) => findWebsite(tx, flags.user!))
            : await asService(db, (tx) => findWebsiteByBuildDir(tx, target));
          if (site) {
            if (!target) {
              const buildDir = 'buildDir' in site ? site.buildDir : null;
              if (!buildDir)
                throw errors.usage(
                  `${flags.user} has no build yet.`,
                  `Build it: dreamseed generate --user ${flags.user}`,
                );
              target = String(buildDir);
            }
            websiteId = site.id;
            bundle = await asService(db, (tx) => loadBundleFromDb(tx, site.userId));
          }
        }
        const report = await scoreSite({
          dir: target,
          bundle,
          runs: flags.quick ? QUICK_RUNS : FULL_RUNS,
          onStep: (name, ms, detail) =>
            info(
              `${paint('green', '✓')} ${name.padEnd(26)} ${paint('dim', `${ms} ms`)}${detail ? `  ${detail}` : ''}`,
            ),
        });
        if (db && websiteId) {
          const id = websiteId;
          await asService(db, (tx) => recordScore(tx, id, report));
        }
        if (flags.json) printJson({ ...report, recorded: Boolean(websiteId) });
        else printScoreReport(report, Boolean(websiteId));
        // A partial (--quick) score with nothing to fix exits 0: what was measured passes.
        if (report.failures.length) process.exitCode = 1;
      } finally {
        await db?.close();
      }
    });
}

/** The database, when there is one to read: DREAMSEED_DB, or an embedded one that was already created. */
async function openExistingDatabase(required: boolean): Promise<Database | null> {
  const target = resolveDatabaseTarget(process.env.DREAMSEED_DB);
  if (target.kind === 'pglite-memory') return null;
  if (target.kind === 'pglite' && !existsSync(join(target.dataDir, 'PG_VERSION'))) {
    if (required) throw errors.usage('There is no database yet.', 'Create it: dreamseed db reset');
    return null;
  }
  return openDatabase(target);
}

export function printScoreReport(report: ScoreReport, recorded: boolean): void {
  const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`);
  printTable(
    report.lighthouse.map((r) => ({
      page: r.page,
      device: r.form_factor,
      perf: r.scores.performance,
      a11y: r.scores.accessibility,
      'best pr.': r.scores['best-practices'],
      seo: r.scores.seo,
      LCP: ms(r.metrics.lcp_ms),
      CLS: r.metrics.cls,
      TBT: ms(r.metrics.tbt_ms),
      bytes: formatBytes(r.total_bytes),
    })),
    ['page', 'device', 'perf', 'a11y', 'best pr.', 'seo', 'LCP', 'CLS', 'TBT', 'bytes'],
  );
  const line = (ok: boolean, text: string) => info(`${ok ? paint('green', '✓') : paint('red', '✗')} ${text}`);
  info('');
  line(
    !report.html.errors.length,
    `HTML validity: ${report.html.errors.length} errors, ${report.html.warnings} warnings (${report.tools.html_checker})`,
  );
  line(
    !report.axe.length,
    `Accessibility (axe ${report.tools.axe}): ${report.axe.length} violations on ${report.pages.length} pages at mobile and desktop size`,
  );
  line(
    !report.links.broken_links.length && !report.links.missing_assets.length,
    `Links and assets: ${report.links.internal_links} internal links, ${report.links.broken_links.length} broken; ${report.links.missing_assets.length} missing assets; ${report.links.external_links} external (not fetched)`,
  );
  line(
    !report.jsonld.invalid.length && !report.jsonld.invented.length,
    `JSON-LD: ${report.jsonld.blocks} blocks, ${report.jsonld.invalid.length} invalid, ${report.jsonld.invented.length} values not in the DNA${report.jsonld.dna_checked ? '' : ' (facts NOT checked: no DNA; pass --user or --dna)'}`,
  );
  line(
    !report.headers.problems.length,
    `Security headers (_headers): ${report.headers.problems.length} problems`,
  );
  for (const b of report.budgets) {
    line(
      b.pass,
      `Budget, ${b.label}: ${b.actual === null ? 'not measured' : formatBytes(b.actual)} of ${formatBytes(b.limit)}`,
    );
  }
  line(!report.console_errors.length, `Browser console: ${report.console_errors.length} errors`);
  const audits = report.lighthouse.filter((r) => r.failing_audits.length);
  if (audits.length) {
    info('');
    info(paint('bold', 'Failing Lighthouse audits'));
    for (const r of audits) {
      info(
        `  ${r.page} ${r.form_factor}: ${r.failing_audits.map((a) => `${a.id} (${a.score}${a.display ? `, ${a.display}` : ''})`).join(', ')}`,
      );
    }
  }
  const unmeasured = [...new Set(report.lighthouse.flatMap((r) => r.unmeasured_audits.map((a) => a.id)))];
  if (unmeasured.length) {
    info(
      paint(
        'dim',
        `Not measured (diagnostics with no score weight; Lighthouse ${report.tools.lighthouse} with ${report.tools.chromium}): ${unmeasured.join(', ')}`,
      ),
    );
  }
  info('');
  info(
    `Reports: ${displayPath(report.reports_dir)}/ (one Lighthouse HTML report per run, score.json)${recorded ? '; stored on the founder’s website' : ''}`,
  );
  if (report.failures.length) {
    info(paint('red', `${report.failures.length} things to fix before publishing:`));
    for (const f of report.failures) info(`  - ${f}`);
  } else if (report.complete) {
    info(paint('green', 'Passes the publish gate’s measurements.'));
  } else {
    info(
      paint(
        'yellow',
        'What was measured passes; this is a partial score (--quick): publishing measures every run.',
      ),
    );
  }
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
