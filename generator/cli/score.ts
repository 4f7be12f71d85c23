import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { type DatabaseTarget, resolveDatabaseTarget } from '../db/target.ts';
import { findWebsite, findWebsiteByBuildDir } from '../deploy/deployments.ts';
import { readBundleFile } from '../dna/bundle-file.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { errors } from '../errors.ts';
import { FULL_RUNS, type RunSpec } from '../score/lighthouse-run.ts';
import type { ScoreReport } from '../score/report.ts';
import { loadBundleFromDb } from '../stages/load-dna.ts';
import { recordScore, scoreSite } from '../stages/score-site.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printTable } from './output.ts';
import { withDb } from './with-db.ts';

/**
 * `dreamseed score [DIR] [--user ID | --dna FILE] [--quick] [--json]`: measures a
 * built site and prints the Lighthouse scores, Core Web Vitals, failing audits
 * and every reviewer check. With a founder (--user, or a DIR that is a
 * founder's latest build) the report is stored on generated_websites and
 * JSON-LD is checked against their DNA. Exits 1 when the site would not pass
 * the publish gate, so it can guard a pipeline.
 */
interface ScoreFlags extends JsonFlag {
  user?: string;
  dna?: string;
  quick?: boolean;
}

export const QUICK_RUNS: RunSpec[] = [{ page: 'home', form_factor: 'mobile' }];

/** `dreamseed score` (declared in commands/score.ts). */
export async function score(dir: string | undefined, flags: ScoreFlags): Promise<void> {
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
  const target = flags.dna ? null : existingDatabase(Boolean(flags.user));
  await (target ? withDb((db) => measure(dir, flags, db), target) : measure(dir, flags, null));
}

async function measure(dir: string | undefined, flags: ScoreFlags, db: Database | null): Promise<void> {
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
  printResult(flags, { ...report, recorded: Boolean(websiteId) }, () =>
    printScoreReport(report, Boolean(websiteId)),
  );
  // A partial (--quick) score with nothing to fix exits 0: what was measured passes.
  if (report.failures.length) process.exitCode = 1;
}

/** The database, when there is one to read: DREAMSEED_DB, or an embedded one that was already created. */
function existingDatabase(required: boolean): DatabaseTarget | null {
  const target = resolveDatabaseTarget(process.env.DREAMSEED_DB);
  if (target.kind === 'pglite-memory') return null;
  if (target.kind === 'pglite' && !existsSync(join(target.dataDir, 'PG_VERSION'))) {
    if (required) throw errors.usage('There is no database yet.', 'Create it: dreamseed db reset');
    return null;
  }
  return target;
}

/** Each check's table and lines, in the order the checks report, then what to fix. */
export function printScoreReport(report: ScoreReport, recorded: boolean): void {
  for (const check of Object.values(report.checks)) {
    if (check.table) {
      printTable(check.table.rows, check.table.columns);
      info('');
    }
    for (const line of check.lines) {
      if (line.pass === undefined) info(paint('dim', `  ${line.text}`));
      else info(`${line.pass ? paint('green', '✓') : paint('red', '✗')} ${line.text}`);
    }
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
