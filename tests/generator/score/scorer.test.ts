import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { printScoreReport } from '../../../generator/cli/score.ts';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import type { DreamseedError } from '../../../generator/errors.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { defineCheck, finding } from '../../../generator/score/check.ts';
import { loadChecks } from '../../../generator/score/registry.ts';
import type { ScoreReport } from '../../../generator/score/report.ts';
import { openScorer } from '../../../generator/score/scorer.ts';
import { publishSite } from '../../../generator/stages/deploy-site.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { demoBundles } from '../../helpers/demo.ts';

/**
 * A new check is one definition: the one below is written here and edits no
 * other file. Handed to the scorer beside the registered checks, it runs over
 * the artifacts the scorer gathers once for all of them, shows in the report,
 * its score.json and the printed report, and blocks publishing when it fails;
 * when it passes, the same build goes live. (The checks that read Lighthouse
 * are left out: they would add minutes and prove nothing more here.)
 */
const home = mkdtempSync(join(tmpdir(), 'ds-scorer-'));
const bakery = (await demoBundles()).get('bakery')!;
let db: Database;
let buildDir = '';

/** At most `most` pages, and each of them loaded in the browser. */
const pageCount = (most: number) =>
  defineCheck({
    id: 'page-count',
    title: 'Page count',
    order: 65,
    needs: ['pages', 'visits'],
    kinds: { 'too-many-pages': { plural: 'page-count problems' } },
    run: ({ pages, visits }) => {
      const visited = new Set(visits.map((v) => v.path)).size;
      const n = pages.paths.length;
      return {
        findings: [
          ...(n > most
            ? [finding('too-many-pages', null, `The site has ${n} pages, more than ${most}: merge some`)]
            : []),
          ...(visited < n ? [finding('too-many-pages', null, `Only ${visited} of ${n} pages loaded`)] : []),
        ],
        lines: [{ pass: n <= most, text: `Page count: ${n} pages, at most ${most}` }],
        summary: { page_count: n },
      };
    },
  });

const registered = (await loadChecks()).filter((c) => !c.needs.includes('lighthouse'));
const scorerWith = (most: number) => openScorer({ checks: [...registered, pageCount(most)] });

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  const summary = await generateSite({ source: { kind: 'founder', idOrSlug: 'bakery' }, db });
  buildDir = join(loadConfig().sitesDir, 'bakery');
  await db.query(
    `update public.website_sections set status = 'approved', approved_at = now(), approved_by = 'test'
      where website_id = $1 and is_current`,
    [summary.recorded!.website_id],
  );
}, 180_000);

afterAll(async () => {
  await db?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('a check defined outside the registry', () => {
  let report: ScoreReport;
  const steps: string[] = [];

  it('runs beside the registered checks, over artifacts gathered once, and is reported', {
    timeout: 120_000,
  }, async () => {
    const scorer = await scorerWith(1);
    try {
      report = await scorer.score(buildDir, { bundle: bakery, onStep: (name) => steps.push(name) });
    } finally {
      await scorer.close();
    }
    const n = report.pages.length;
    const reason = `The site has ${n} pages, more than 1: merge some`;
    expect(Object.keys(report.checks)).toEqual([
      'html-validity',
      'axe',
      'links',
      'jsonld',
      'headers',
      'page-count',
      'console-errors',
    ]);
    expect(report.checks['page-count']).toEqual({
      title: 'Page count',
      passed: false,
      complete: true,
      findings: [{ id: 'too-many-pages', severity: 'error', page: null, message: reason }],
      lines: [{ pass: false, text: `Page count: ${n} pages, at most 1` }],
    });
    // The registered checks pass on the demo build: the one reason is the new check's.
    expect(report.failures).toEqual([reason]);
    expect(report).toMatchObject({ passed: false, complete: true });
    expect(report.summary).toMatchObject({ page_count: n, html_errors: 0, axe_violations: 0, failures: 1 });
    // Five checks read the browser visits; the pages were visited once, and Lighthouse never ran.
    expect(steps.filter((s) => s === 'browser visits')).toHaveLength(1);
    expect(steps.filter((s) => s.startsWith('lighthouse'))).toEqual([]);
    const stored = JSON.parse(readFileSync(join(report.reports_dir, 'score.json'), 'utf8')) as ScoreReport;
    expect(stored.checks['page-count']?.findings[0]?.message).toBe(reason);
  });

  it('shows in the printed report, in its place, with what to fix', () => {
    const printed: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      printed.push(String(text));
      return true;
    });
    try {
      printScoreReport(report, false);
    } finally {
      write.mockRestore();
    }
    const lines = printed.join('').split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at(`✗ Page count: ${report.pages.length} pages, at most 1`)).toBeGreaterThan(
      at('✓ Security headers'),
    );
    expect(at('✓ Browser console')).toBeGreaterThan(at('✗ Page count'));
    expect(lines).toContain(`  - ${report.failures[0]}`);
  });

  it('blocks the publish gate when it fails, and lets the same build through when it passes', {
    timeout: 180_000,
  }, async () => {
    const publish = async (most: number, rescore: boolean) => {
      const scorer = await scorerWith(most);
      try {
        return await publishSite({
          db,
          config: loadConfig(),
          user: 'bakery',
          target: 'local',
          publishedBy: 'test',
          scorer,
          rescore,
        });
      } finally {
        await scorer.close();
      }
    };
    const refused = (await publish(1, false).catch((e: unknown) => e)) as DreamseedError;
    expect(refused.code).toBe('PUBLISH_REFUSED');
    expect(refused.data?.reasons).toEqual([report.failures[0]]);
    // The stored report of these bytes is read back and still refuses, whatever the new check now says...
    const again = (await publish(100, false).catch((e: unknown) => e)) as DreamseedError;
    expect(again.data?.reasons).toEqual([report.failures[0]]);
    // ...until the build is measured again.
    const live = await publish(100, true);
    expect(live).toMatchObject({ forced: false, overridden: [], scored_now: true });
    expect(live.scores).toMatchObject({ passed: true, page_count: report.pages.length });
  });
});
