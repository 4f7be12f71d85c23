import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readManifest } from '../deploy/manifest.ts';
import { type StaticHost, startStaticHost } from '../deploy/static-host.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { errors } from '../errors.ts';
import { GATHERERS, type Gathering, requireTools } from './artifacts.ts';
import { type CdpConnection, connectCdp } from './cdp.ts';
import type { ArtifactName, Check, CheckResult } from './check.ts';
import { type Browser, launchBrowser } from './chromium.ts';
import { gateFailures } from './gate.ts';
import { FULL_RUNS, performanceMinimum, type RunSpec } from './lighthouse-run.ts';
import { loadChecks, orderChecks, validateResult } from './registry.ts';
import type { CheckOutcome, ScoreReport, ScoreSummary } from './report.ts';
import { sitePages } from './site-pages.ts';

/**
 * A scoring session: the registered checks (`checks/`, or the list given), the
 * tools they need found before anything runs, and one Chromium for any number
 * of sites, so a batch pays the browser start once. `score(dir)` serves the
 * site as production would and runs every check over the artifacts it needs,
 * each artifact gathered once: first every check that does not need Lighthouse
 * (the Nu HTML Checker alongside the pages in the browser), then Lighthouse one
 * run at a time with nothing else running, then the checks that read it.
 * Reports are written to `<site>.score/` beside the build.
 */
export interface ScoreOptions {
  /** The founder's DNA, to check that JSON-LD states only facts. Null: the facts are not checked. */
  bundle?: DnaBundle | null;
  /** Lighthouse runs to make (default: all four). Fewer runs make the report incomplete for publishing. */
  runs?: RunSpec[];
  /** Where the Lighthouse HTML reports and score.json go (default `<dir>.score/`). */
  reportsDir?: string;
  onStep?: (name: string, ms: number, detail?: string) => void;
}

export interface Scorer {
  score(dir: string, options?: ScoreOptions): Promise<ScoreReport>;
  close(): Promise<void>;
}

export async function openScorer(
  options: { env?: NodeJS.ProcessEnv; checks?: Check[] } = {},
): Promise<Scorer> {
  const checks = orderChecks(options.checks ?? (await loadChecks()));
  const tools = requireTools(
    checks.flatMap((c) => c.needs),
    options.env ?? process.env,
  );
  // A bad DREAMSEED_PERFORMANCE_MIN is refused now, not after a minute of measuring.
  performanceMinimum(options.env ?? process.env);
  const chromiumVersion = tools.chromium ? versionOf(tools.chromium) : null;
  let browser: Browser | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const scoreNow = async (dir: string, options: ScoreOptions): Promise<ScoreReport> => {
    const started = performance.now();
    const step = async <T>(name: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T> => {
      const t = performance.now();
      const result = await fn();
      options.onStep?.(name, Math.round(performance.now() - t), detail?.(result));
      return result;
    };
    const root = resolve(dir);
    const pages = sitePages(root);
    const manifest = await readManifest(root);
    const reportsDir = resolve(options.reportsDir ?? `${root}.score`);
    await rm(reportsDir, { recursive: true, force: true });
    await mkdir(reportsDir, { recursive: true });
    let launched: Promise<Browser> | undefined;
    let host: Promise<StaticHost> | undefined;
    let cdp: Promise<CdpConnection> | undefined;
    const gathering: Gathering = {
      root,
      pages,
      files: manifest.files.map((f) => f.path),
      bundle: options.bundle ?? null,
      reportsDir,
      runs: options.runs ?? FULL_RUNS,
      tools,
      step,
      browser: () =>
        (launched ??= step('start chromium', async () => (browser ??= await launchBrowser(tools.chromium!)))),
      host: () => (host ??= startStaticHost(root)),
      cdp: () => (cdp ??= gathering.browser().then((b) => connectCdp(b.port))),
    };
    const gathered = new Map<ArtifactName, Promise<unknown>>();
    const artifact = (name: ArtifactName): Promise<unknown> => {
      let pending = gathered.get(name);
      if (!pending) {
        pending = Promise.resolve().then(() => GATHERERS[name].gather(gathering));
        gathered.set(name, pending);
      }
      return pending;
    };
    const exclusive = (name: ArtifactName) => GATHERERS[name].exclusive === true;
    const results = new Map<string, CheckResult>();
    const runCheck = async (check: Check) => {
      // What may share the machine first, then what needs it alone.
      const inputs: Record<string, unknown> = {};
      for (const name of [...check.needs].sort((a, b) => Number(exclusive(a)) - Number(exclusive(b))))
        inputs[name] = await artifact(name);
      const result = await step(
        check.title,
        async () => validateResult(check, await check.run(inputs as never)),
        (r) => `${r.findings.filter((f) => f.severity === 'error').length} problems`,
      );
      results.set(check.id, result);
    };
    try {
      const alone = (c: Check) => c.needs.some(exclusive);
      await settleAll(checks.filter((c) => !alone(c)).map(runCheck));
      for (const check of checks.filter(alone)) await runCheck(check);

      const outcomes: Record<string, CheckOutcome> = {};
      const reportTools: ScoreReport['tools'] = chromiumVersion ? { chromium: chromiumVersion } : {};
      const values: Record<string, unknown> = {};
      for (const check of checks) {
        const r = results.get(check.id)!;
        Object.assign(reportTools, r.tools);
        Object.assign(values, r.summary);
        outcomes[check.id] = {
          title: check.title,
          passed: !r.findings.some((f) => f.severity === 'error'),
          complete: r.complete ?? true,
          findings: r.findings,
          lines: r.lines,
          ...(r.table ? { table: r.table } : {}),
          ...(r.data === undefined ? {} : { data: r.data }),
        };
      }
      const failures = gateFailures(checks, outcomes);
      const complete = Object.values(outcomes).every((o) => o.complete);
      const measuredAt = new Date().toISOString();
      const summary: ScoreSummary = {
        measured_at: measuredAt,
        content_digest: manifest.digest,
        passed: failures.length === 0 && complete,
        complete,
        ...values,
        failures: failures.length,
      };
      const report: ScoreReport = {
        version: 2,
        site_dir: root,
        content_digest: manifest.digest,
        measured_at: measuredAt,
        duration_ms: Math.round(performance.now() - started),
        complete,
        tools: reportTools,
        pages: pages.paths,
        reports_dir: reportsDir,
        checks: outcomes,
        failures,
        passed: summary.passed,
        summary,
      };
      // A report speaks for the bytes it measured: a build replaced meanwhile makes it speak for nothing.
      if ((await readManifest(root)).digest !== manifest.digest) {
        throw errors.buildChanged('scoring', root);
      }
      await writeFile(join(reportsDir, 'score.json'), `${JSON.stringify(report, null, 2)}\n`);
      return report;
    } finally {
      (await cdp?.catch(() => undefined))?.close();
      await (await host?.catch(() => undefined))?.close();
    }
  };

  return {
    score(dir, options = {}) {
      const run = queue.then(() => scoreNow(dir, options));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      await browser?.close();
    },
  };
}

/** Waits for every one, then throws the first failure: nothing is left running behind an error. */
async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function versionOf(binary: string): string {
  try {
    return execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')[0]!
      .trim();
  } catch {
    return binary;
  }
}
