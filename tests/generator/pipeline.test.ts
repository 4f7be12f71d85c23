import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../generator/db/database.ts';
import { generateSite } from '../../generator/pipeline.ts';
import { inProcessRenderer, type PageRenderer } from '../../generator/site/astro/render-pages.ts';
import { componentsOf } from '../../generator/site/astro/spec-integration.ts';
import { openTestDatabase } from '../helpers/database.ts';
import { demoBundlePath } from '../helpers/demo.ts';

const original = demoBundlePath('bakery');

/** A home of its own (DREAMSEED_HOME), and the bakery's bundle there with only the business name. */
function nameOnlyBakery(prefix: string): { home: string; file: string } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  process.env.DREAMSEED_HOME = home;
  const raw = JSON.parse(readFileSync(original, 'utf8'));
  raw.dream_dna_truth = { business_name: raw.dream_dna_truth.business_name };
  // Media paths are relative to the bundle file.
  for (const m of raw.media_assets) m.file = relative(home, join(dirname(original), m.file));
  const file = join(home, 'name-only.json');
  writeFileSync(file, JSON.stringify(raw));
  return { home, file };
}

it('says when a page shows only what the DNA holds, and which facts it needs', {
  timeout: 60_000,
}, async () => {
  const { home, file } = nameOnlyBakery('ds-pipeline-');
  const summary = await generateSite({ source: { kind: 'dna', file }, outDir: join(home, 'site') });
  expect(summary.warnings).toContainEqual(
    expect.stringMatching(
      /^\/ shows only what the DNA holds so far: it needs primary_service\. Add it to the DNA/,
    ),
  );

  const full = await generateSite({ source: { kind: 'dna', file: original }, outDir: join(home, 'full') });
  expect(full.warnings.filter((w) => /nothing to show|only what the DNA holds/.test(w))).toEqual([]);
});

it('tells the renderer which components the pages show before the spec, exactly the spec’s own', {
  timeout: 60_000,
}, async () => {
  const { home, file: nameOnly } = nameOnlyBakery('ds-pipeline-shows-');
  for (const [n, file] of [original, nameOnly].entries()) {
    const events: string[][] = [];
    const here = inProcessRenderer();
    const renderer: PageRenderer = {
      shows: (components) => events.push(['shows', ...components]),
      render: (spec) => {
        events.push(['render', ...componentsOf(spec)]);
        return here.render(spec);
      },
    };
    await generateSite({ source: { kind: 'dna', file }, outDir: join(home, `site-${n}`), renderer });
    expect(
      events.map((e) => e[0]),
      file,
    ).toEqual(['shows', 'render']);
    expect(events[0]!.slice(1), file).toEqual(events[1]!.slice(1));
    expect(events[0]!.length, file).toBeGreaterThan(3);
  }
});

describe('the record, rendering in another process', { timeout: 120_000 }, () => {
  /** The database, with each statement on website_sections or generated_websites logged in `events`. */
  function logged(db: Database, events: string[], serialised?: boolean): Database {
    const log = (sql: string) => {
      const table = /public\.(website_sections|generated_websites)\b/.exec(sql)?.[1];
      if (table) events.push(table);
    };
    const wrap = (q: Queryable): Queryable => ({
      query: (sql, params) => {
        log(sql);
        return q.query(sql, params);
      },
      exec: (sql) => {
        log(sql);
        return q.exec(sql);
      },
    });
    return { ...db, ...wrap(db), serialised, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
  }
  /** A renderer standing in for render-ahead.ts: renders here, logging when the render starts and ends. */
  function renderer(events: string[], fail = false): PageRenderer {
    const here = inProcessRenderer();
    return {
      async render(spec) {
        events.push('render starts');
        // Long enough for the record to be written meanwhile, when it is.
        await new Promise((r) => setTimeout(r, 300));
        if (fail) {
          events.push('render fails');
          throw new Error('the renderer broke');
        }
        const work = await here.render(spec);
        events.push('render ends');
        return work;
      },
    };
  }
  /** A fresh home and seeded database for one test, closed afterwards. */
  async function withFreshDb(prefix: string, fn: (db: Database) => Promise<void>): Promise<void> {
    process.env.DREAMSEED_HOME = mkdtempSync(join(tmpdir(), prefix));
    const db = await openTestDatabase();
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  }
  const eventsBetween = (events: string[], from: string, to: string) =>
    events.slice(events.indexOf(from) + 1, events.indexOf(to));
  const eventsAfter = (events: string[], from: string) => events.slice(events.indexOf(from) + 1);
  const recordRows = async (db: Database) => ({
    sites: (await db.query<{ n: number }>('select count(*)::int as n from public.generated_websites'))[0]!.n,
    sections: (await db.query<{ n: number }>('select count(*)::int as n from public.website_sections'))[0]!.n,
  });

  it('is written while the pages render, and committed with the build', async () => {
    await withFreshDb('ds-pipeline-record-', async (db) => {
      const events: string[] = [];
      const summary = await generateSite({
        source: { kind: 'founder', idOrSlug: 'bakery' },
        db: logged(db, events),
        writer: 'offline',
        renderer: renderer(events),
      });
      expect(summary.recorded?.sections_written).toBeGreaterThan(5);
      // Every section revision is written during the render; after it, only the build's hash.
      expect(eventsBetween(events, 'render starts', 'render ends')).toContain('website_sections');
      expect(eventsAfter(events, 'render ends')).toEqual(['generated_websites']);
      const [site] = await db.query<{ build_hash: string; deployment_status: string; build_dir: string }>(
        'select build_hash, deployment_status, build_dir from public.generated_websites where site_slug = $1',
        ['bakery'],
      );
      expect(site).toEqual({
        build_hash: summary.build_hash,
        deployment_status: 'built',
        build_dir: expect.stringMatching(/sites\/bakery$/),
      });
    });
  });

  it('records nothing when the build fails', async () => {
    await withFreshDb('ds-pipeline-record-fail-', async (db) => {
      const before = await recordRows(db);
      const events: string[] = [];
      await expect(
        generateSite({
          source: { kind: 'founder', idOrSlug: 'bakery' },
          db: logged(db, events),
          writer: 'offline',
          renderer: renderer(events, true),
        }),
      ).rejects.toThrow(/the renderer broke/);
      // It had been written during the render, and was rolled back.
      expect(eventsBetween(events, 'render starts', 'render fails')).toContain('website_sections');
      expect(await recordRows(db)).toEqual(before);
    });
  });

  it('follows the build on a database other processes share, holding no transaction through the render', async () => {
    await withFreshDb('ds-pipeline-record-shared-', async (db) => {
      const events: string[] = [];
      const summary = await generateSite({
        source: { kind: 'founder', idOrSlug: 'bakery' },
        db: logged(db, events, true),
        writer: 'offline',
        renderer: renderer(events),
      });
      expect(eventsBetween(events, 'render starts', 'render ends')).toEqual([]);
      expect(eventsAfter(events, 'render ends')).toContain('website_sections');
      expect(summary.recorded?.sections_written).toBeGreaterThan(5);
    });
  });
});
