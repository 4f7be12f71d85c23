import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { currentSections, resolveSection, sectionHistory } from '../../../generator/content/revisions.ts';
import {
  approveSection,
  chooseAlternative,
  rejectSection,
} from '../../../generator/content/section-actions.ts';
import { staleSections } from '../../../generator/content/staleness.ts';
import type { Database } from '../../../generator/db/database.ts';
import { asFounder, asService } from '../../../generator/db/roles.ts';
import { generateSiteDetailed } from '../../../generator/pipeline.ts';
import { loadBundleFromDb } from '../../../generator/stages/load-dna.ts';
import { createFileCache } from '../../../generator/writers/content-cache.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { demoBundlePath } from '../../helpers/demo.ts';
import {
  type ChatRequest,
  echoReference,
  type LoopbackOpenAi,
  type Reply,
  startLoopbackOpenAi,
} from '../writers/loopback-openai.ts';
import { loopbackWriter } from '../writers/loopback-writer.ts';

/**
 * Regenerate only what changed: a DNA change makes exactly the sections that
 * read the changed field stale; `generate` rewrites only those (never an
 * approved one) and reuses the rest; the content cache makes an unchanged
 * run call the model zero times.
 */
const home = mkdtempSync(join(tmpdir(), 'dreamseed-staleness-'));
const catalog = await loadCatalog();
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';
let db: Database;
let server: LoopbackOpenAi;
let userId: string;
/** The model: echoes the reference, and writes different words when asked to replace copy. */
const model = (r: ChatRequest): Reply => {
  const rejected = /<<<DATA \w+ REJECTED/.test(r.body.messages[1]!.content);
  return rejected && typeof r.reference.headline === 'string'
    ? { answer: { ...r.reference, headline: `${r.reference.headline.replace(/[.!]$/, '')}, every morning` } }
    : echoReference(r);
};

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  server = await startLoopbackOpenAi(model);
  userId = (await asService(db, (tx) => loadBundleFromDb(tx, 'bakery'))).user.id;
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const cache = createFileCache(join(home, 'cache'));
async function generate(options: { regenerate?: { page: string; key: string }[] } = {}) {
  const before = server.requests.length;
  const { summary } = await generateSiteDetailed({
    source: { kind: 'founder', idOrSlug: 'bakery' },
    db,
    outDir: join(home, 'sites', 'bakery'),
    writer: loopbackWriter(server.url, {}, cache),
    ...options,
  });
  return { summary, requests: server.requests.slice(before) };
}

const readers = (field: string) =>
  new Set([...catalog.sections.values()].filter((s) => s.reads.includes(field as never)).map((s) => s.type));

describe('regenerate only what changed (OpenAI writer, loopback model, PGlite)', () => {
  it('writes everything once, then reuses everything: zero model calls', async () => {
    const first = await generate();
    expect(first.requests.length).toBeGreaterThan(5);
    expect(first.summary.usage).toMatchObject({
      writer: 'openai',
      calls: first.requests.length,
      fallbacks: 0,
    });
    expect(first.summary.usage.sections_reused).toBe(0);
    const second = await generate();
    expect(second.requests).toHaveLength(0);
    expect(second.summary.usage).toMatchObject({ calls: 0, sections_written: 0 });
    expect(second.summary.recorded).toMatchObject({ sections_written: 0 });
    expect(second.summary.build_hash).toBe(first.summary.build_hash);
  });

  it('changing who_serves rewrites exactly the sections that read it; an approved one stays, marked stale', async () => {
    const hero = await asService(db, (tx) => resolveSection(tx, 'hero', userId));
    await asFounder(db, BAKERY_AUTH, (tx) => approveSection(tx, hero, BAKERY_AUTH));
    const approvedHero = (await asService(db, (tx) => currentSections(tx, userId))).find(
      (r) => r.section_key === 'hero',
    )!;

    await asService(db, (tx) =>
      tx.query(`update public.dream_dna_truth set who_serves = $2 where user_id = $1`, [
        userId,
        'Neighbours on Federal Hill, and the cafés and restaurants of Providence that buy bread wholesale',
      ]),
    );
    const bundle = await asService(db, (tx) => loadBundleFromDb(tx, userId));
    const rows = await asService(db, (tx) => currentSections(tx, userId));
    const [site] = await asService(db, (tx) =>
      tx.query<{ site_structure: never }>(
        'select site_structure from public.generated_websites where user_id = $1',
        [userId],
      ),
    );
    const stale = staleSections(catalog, bundle, rows, site!.site_structure);
    const expected = rows.filter((r) => readers('who_serves').has(r.section_type));
    expect(expected.map((r) => r.section_key).sort()).toEqual(['cta', 'hero', 'who_serves']);
    expect([...stale].sort()).toEqual(expected.map((r) => r.id).sort());

    const run = await generate();
    const written = run.summary.sections
      .filter((s) => s.origin === 'written' && s.status !== 'omitted')
      .map((s) => s.key);
    expect(written.sort()).toEqual(['cta', 'who_serves']);
    expect(new Set(run.requests.map((r) => r.section))).toEqual(new Set(['cta', 'who_serves']));
    const heroNow = run.summary.sections.find((s) => s.key === 'hero')!;
    expect(heroNow).toMatchObject({ origin: 'reused', stale: true });
    expect(run.summary.warnings.join('\n')).toMatch(/\/ hero is approved but a fact it reads has changed/);
    const after = (await asService(db, (tx) => currentSections(tx, userId))).find(
      (r) => r.section_key === 'hero',
    )!;
    expect(after).toMatchObject({ id: approvedHero.id, status: 'approved', revision: approvedHero.revision });

    const again = await generate();
    expect(again.requests).toHaveLength(0);
  });

  it('a rejected section is rewritten with different words; asked for, an approved one is too', async () => {
    const ws = await asService(db, (tx) => resolveSection(tx, 'about/who_serves', userId));
    const before = (await asService(db, (tx) => sectionHistory(tx, ws))).at(-1)!;
    await asFounder(db, BAKERY_AUTH, (tx) => rejectSection(tx, ws, BAKERY_AUTH));
    const run = await generate();
    expect(run.requests.filter((r) => r.section === 'who_serves').length).toBeGreaterThan(0);
    const now = (await asService(db, (tx) => sectionHistory(tx, ws))).at(-1)!;
    expect(now.revision).toBe(before.revision + 1);
    expect(now.status).toBe('draft');
    expect(now.content).not.toEqual(before.content);

    const hero = await asService(db, (tx) => resolveSection(tx, 'hero', userId));
    const forced = await generate({ regenerate: [{ page: '', key: 'hero' }] });
    expect(forced.requests.map((r) => r.section)).toContain('hero');
    const heroRows = await asService(db, (tx) => sectionHistory(tx, hero));
    expect(heroRows.at(-1)).toMatchObject({ status: 'draft', is_current: true, edited_by_founder: false });
    expect(heroRows.at(-2)).toMatchObject({ status: 'approved', is_current: false });
  });

  it('stores alternatives for the low-confidence fact; a chosen one is kept by regeneration', async () => {
    const ws = await asService(db, (tx) => resolveSection(tx, 'about/who_serves', userId));
    const current = (await asService(db, (tx) => currentSections(tx, userId))).find(
      (r) => r.section_key === 'who_serves',
    )!;
    expect(current.alternatives!.map((a) => a.id)).toEqual([
      'who_serves:alternative_1',
      'who_serves:alternative_2',
      'who_serves:alternative_3',
    ]);
    for (const alt of current.alternatives!) {
      expect(alt.writer).toBe('openai');
      expect(JSON.stringify(alt.content)).toContain(alt.reading.slice(0, 20));
    }
    const chosen = await asFounder(db, BAKERY_AUTH, (tx) => chooseAlternative(tx, ws, '2', BAKERY_AUTH));
    expect(chosen).toMatchObject({ edited_by_founder: true, revision: current.revision + 1 });
    expect(chosen.content).toEqual(current.alternatives![1]!.content);
    const run = await generate();
    expect(run.summary.sections.find((s) => s.key === 'who_serves')).toMatchObject({ origin: 'reused' });
    expect(run.requests.filter((r) => r.section === 'who_serves')).toHaveLength(0);
  });

  it('the content cache: the same DNA from a bundle file makes no model call the second time', async () => {
    const fileCache = createFileCache(mkdtempSync(join(tmpdir(), 'dreamseed-copy-cache-')));
    const build = async () => {
      const before = server.requests.length;
      const { summary } = await generateSiteDetailed({
        source: { kind: 'dna', file: demoBundlePath('yoga-studio') },
        outDir: join(home, 'sites', 'yoga'),
        writer: loopbackWriter(server.url, {}, fileCache),
      });
      return { summary, calls: server.requests.length - before };
    };
    const first = await build();
    expect(first.calls).toBeGreaterThan(0);
    expect(first.summary.usage.cache_hits).toBe(0);
    const second = await build();
    expect(second.calls).toBe(0);
    const aiSections = first.summary.sections.filter((s) => s.writer === 'openai').length;
    expect(aiSections).toBeGreaterThan(5);
    expect(second.summary.usage.cache_hits).toBe(aiSections);
    expect(second.summary.sections.map((s) => s.writer)).toEqual(first.summary.sections.map((s) => s.writer));
    expect(second.summary.build_hash).toBe(first.summary.build_hash);
  });
});
