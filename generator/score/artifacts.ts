import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StaticHost } from '../deploy/static-host.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { CdpConnection } from './cdp.ts';
import type { ArtifactName, Artifacts } from './check.ts';
import { type Browser, requireChromium } from './chromium.ts';
import { requireJava } from './java.ts';
import { FULL_RUNS, type LighthouseRuns, measureRun, type RunSpec } from './lighthouse-run.ts';
import { type PageVisit, VIEWPORTS, visitPage } from './page-visits.ts';
import type { SitePages } from './site-pages.ts';

/**
 * How the scorer gathers each artifact a check may need (`check.ts`), once per
 * site. A gatherer names the tools it needs (required when the scoring session
 * opens, before anything runs) and whether it needs the machine to itself:
 * an `exclusive` artifact (Lighthouse) is gathered only after every check that
 * does not need it has finished, so nothing competes with it for the CPU.
 */
export type Tool = 'chromium' | 'java';

const TOOLS: Record<Tool, (env: NodeJS.ProcessEnv) => string> = {
  chromium: requireChromium,
  java: requireJava,
};

/** What one scoring of one site gives the gatherers. Browser, host and CDP start on first use. */
export interface Gathering {
  root: string;
  pages: SitePages;
  files: string[];
  bundle: DnaBundle | null;
  reportsDir: string;
  /** The Lighthouse runs asked for. */
  runs: RunSpec[];
  tools: Partial<Record<Tool, string>>;
  browser(): Promise<Browser>;
  host(): Promise<StaticHost>;
  cdp(): Promise<CdpConnection>;
  step<T>(name: string, fn: () => Promise<T>, detail?: (result: T) => string): Promise<T>;
}

interface Gatherer<K extends ArtifactName> {
  tools?: Tool[];
  exclusive?: boolean;
  gather(g: Gathering): Artifacts[K] | Promise<Artifacts[K]>;
}

export const GATHERERS: { [K in ArtifactName]: Gatherer<K> } = {
  root: { gather: (g) => g.root },
  pages: { gather: (g) => g.pages },
  files: { gather: (g) => g.files },
  bundle: { gather: (g) => g.bundle },
  headersFile: {
    gather: (g) => {
      const file = join(g.root, '_headers');
      return existsSync(file) ? readFileSync(file, 'utf8') : null;
    },
  },
  servedUrl: { gather: async (g) => (await g.host()).url },
  java: { tools: ['java'], gather: (g) => g.tools.java! },
  visits: { tools: ['chromium'], gather: gatherVisits },
  lighthouse: { tools: ['chromium'], exclusive: true, gather: gatherLighthouse },
};

/** The tools the artifacts named need, each found on this machine (else a TOOL_MISSING error naming the package). */
export function requireTools(
  needs: Iterable<ArtifactName>,
  env: NodeJS.ProcessEnv,
): Partial<Record<Tool, string>> {
  const wanted = new Set([...needs].flatMap((name) => GATHERERS[name].tools ?? []));
  const found: Partial<Record<Tool, string>> = {};
  for (const tool of Object.keys(TOOLS) as Tool[]) if (wanted.has(tool)) found[tool] = TOOLS[tool](env);
  return found;
}

/** Every page at mobile size (with the inventory of what it references) and at desktop size, one tab at a time. */
async function gatherVisits(g: Gathering): Promise<PageVisit[]> {
  const [cdp, host] = [await g.cdp(), await g.host()];
  return g.step(
    'browser visits',
    async () => {
      const out: PageVisit[] = [];
      for (const path of g.pages.paths) {
        out.push(await visitPage(cdp, host.url, path, VIEWPORTS.mobile, { inventory: true }));
        out.push(await visitPage(cdp, host.url, path, VIEWPORTS.desktop, { inventory: false }));
      }
      return out;
    },
    () => `${g.pages.paths.length} pages × 2 viewports`,
  );
}

/** The runs asked for, one at a time (`measureRun`), each HTML report written to the reports folder. */
async function gatherLighthouse(g: Gathering): Promise<LighthouseRuns> {
  // A run names a page kind; the site may have no inner page, and then that run does not exist.
  const onSite = (runs: RunSpec[]) =>
    runs
      .map((r) => ({ page: r.page === 'home' ? g.pages.home : g.pages.inner, form_factor: r.form_factor }))
      .filter((r): r is LighthouseRuns['required'][number] => r.page !== null);
  const [browser, host] = [await g.browser(), await g.host()];
  const out: LighthouseRuns = { runs: [], unmeasured: [], required: onSite(FULL_RUNS) };
  for (const run of onSite(g.runs)) {
    const outcome = await g.step(
      `lighthouse ${run.page} ${run.form_factor}`,
      () => measureRun(browser.port, new URL(run.page, host.url).toString(), run.page, run.form_factor),
      (r) =>
        'measured' in r
          ? Object.values(r.measured.run.scores).join('/') +
            (r.measured.run.attempts > 1 ? ` (${r.measured.run.attempts} runs)` : '')
          : `not measured: ${r.unmeasured.code} × ${r.unmeasured.attempts}`,
    );
    if ('unmeasured' in outcome) {
      out.unmeasured.push(outcome.unmeasured);
      continue;
    }
    const file = join(g.reportsDir, `lighthouse-${reportName(run.page)}-${run.form_factor}.html`);
    await writeFile(file, outcome.measured.html);
    out.runs.push({ ...outcome.measured.run, report_file: file });
  }
  return out;
}

function reportName(page: string): string {
  return page === '/' ? 'home' : page.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'page';
}
