import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkGrounding } from '../../generator/content/grounding.ts';
import { asService } from '../../generator/db/roles.ts';
import { parseBundle } from '../../generator/dna/bundle-file.ts';
import { founderIdFromSlug } from '../../generator/dna/founder-identity.ts';
import type { DnaBundle } from '../../generator/dna/schema.ts';
import { generateSiteDetailed } from '../../generator/pipeline.ts';
import { checkJsonLd } from '../../generator/score/checks/jsonld.ts';
import { loadBundleFromDb } from '../../generator/stages/load-dna.ts';
import { buildSeedSql } from '../../scripts/seed/build-seed-sql.ts';
import { openTestDatabase } from '../helpers/database.ts';
import { docExamples } from '../helpers/doc-examples.ts';
import { htmlFiles, pageFacts } from '../helpers/html.ts';
import { scratchFolders } from '../helpers/scratch.ts';

/**
 * Real founders' input, built into real sites (Astro): bundles with only a
 * name, labels the catalogue does not know, scores on either scale, no ids,
 * from a bundle file and from the database. No fact is invented on the way.
 */
const scratch = scratchFolders();
const home = scratch('ds-founders-input-');
process.env.DREAMSEED_HOME = home;
afterAll(() => {
  delete process.env.DREAMSEED_HOME;
});

/** The full example of docs/dna-bundle.md, with its media path made absolute. */
interface Example {
  dream_dna_type: Record<string, unknown>;
  media_assets: { file: string }[];
}
function fullExample(): Example {
  const full = structuredClone(docExamples('dna-bundle.md')[2]!.json) as Example;
  for (const m of full.media_assets) m.file = join(import.meta.dirname, '..', '..', 'docs', m.file);
  return full;
}

function bundleFile(name: string, bundle: unknown): string {
  const file = join(scratch('ds-bundle-'), `${name}.json`);
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

/** Headings, images and copy of every built page, and the grounding of every section. */
function inspect(
  outDir: string,
  spec: Awaited<ReturnType<typeof generateSiteDetailed>>['spec'],
  bundle: DnaBundle,
) {
  const pages = htmlFiles(outDir).map((name) => ({ ...pageFacts(join(outDir, name)), name }));
  const sections = [spec.header, spec.footer, ...spec.pages.flatMap((p) => p.sections)];
  const invented = sections.flatMap((s) =>
    checkGrounding(s.content, bundle).map((p) => `${s.key}: ${p.value}`),
  );
  const jsonLd = checkJsonLd(
    pages.flatMap((p) => p.jsonLd.map((text) => ({ page: p.name, text }))),
    { bundle, siteOrigins: [new URL(spec.site.url).origin] },
  );
  return { pages, invented, jsonLd, checked: sections.filter((s) => s.content).length };
}

const LABELS = /boutique_fitness|craftsman|phone_interview|\bb2c\b|creator|fitness\b/i;

describe('bundles with only a business name', { timeout: 180_000 }, () => {
  it.each([
    ['in users', { users: { business_name: 'Café Crème 🍰' } }],
    ['in the DNA truth, with no users at all', { dream_dna_truth: { business_name: 'Café Crème 🍰' } }],
  ])('%s build a site under a derived slug, inventing nothing', async (where, raw) => {
    const outDir = join(home, 'name-only', where.replaceAll(' ', '-'));
    const { summary, spec } = await generateSiteDetailed({
      source: { kind: 'dna', file: bundleFile('name-only', raw) },
      outDir,
    });
    expect(summary.founder).toEqual({
      id: founderIdFromSlug('cafe-creme'),
      slug: 'cafe-creme',
      business_name: 'Café Crème 🍰',
    });
    expect(summary.pages).toEqual(['/']);
    // The name heads the home page; what it still needs is named.
    expect(summary.warnings).toContainEqual(
      expect.stringMatching(/^\/ shows only what the DNA holds so far: it needs primary_service/),
    );
    const bundle = parseBundle(raw, home, 'name-only bundle');
    const { pages, invented, jsonLd } = inspect(outDir, spec, bundle);
    expect(pages.map((p) => p.name).sort()).toEqual(['404.html', 'index.html']);
    for (const page of pages) {
      expect(
        page.h.filter((h) => h.level === 1),
        page.name,
      ).toHaveLength(1);
      expect(page.text, page.name).toContain('Café Crème 🍰');
    }
    expect(pages.find((p) => p.name === 'index.html')!.h.find((h) => h.level === 1)!.text).toBe(
      'Café Crème 🍰',
    );
    expect(invented).toEqual([]);
    expect(jsonLd.invented).toEqual([]);
  });
});

describe('a bundle with unknown labels, 0–1 scores and no ids (docs/dna-bundle.md)', {
  timeout: 180_000,
}, () => {
  let first: Awaited<ReturnType<typeof generateSiteDetailed>>;

  it('is matched through the readings, says so, and builds a site with one h1 per page', async () => {
    const outDir = join(home, 'full-fractions');
    first = await generateSiteDetailed({
      source: { kind: 'dna', file: bundleFile('full', fullExample()) },
      outDir,
    });
    const { summary, spec } = first;
    expect(summary.founder.slug).toBe('northside-strength-club');
    expect(summary.template).toMatchObject({ id: 'wellness', basis: 'type' });
    // Each label as given, and what it was read as (known labels need no reading).
    const readings = summary.template.reasons
      .filter((r) => 'read_as' in r)
      .map((r) => [r.attribute, r.value, r.read_as, r.matched]);
    expect(readings).toEqual([
      ['industry_vertical', 'boutique_fitness', 'fitness', true],
      ['business_archetype', 'craftsman', 'creator', false],
      ['business_model_type', 'b2c', 'b2c_service', true],
    ]);
    expect(summary.template.reasons.find((r) => r.attribute === 'risk_tolerance')).toMatchObject({
      value: 40,
      matched: true,
    });
    expect(summary.template.note).toContain('`boutique_fitness` read as `fitness` (by the word "fitness")');

    const bundle = parseBundle(fullExample(), home, 'full example');
    const { pages, invented, jsonLd, checked } = inspect(outDir, spec, bundle);
    expect(checked).toBeGreaterThan(5);
    expect(pages.length).toBe(summary.pages.length + 1);
    expect(pages.map((p) => p.text).join(' ')).toContain('Beginner strength class');
    for (const page of pages) {
      expect(
        page.h.filter((h) => h.level === 1),
        page.name,
      ).toHaveLength(1);
      // Classifier labels are for matching; they are not copy.
      expect(page.text, page.name).not.toMatch(LABELS);
    }
    expect(invented).toEqual([]);
    expect(jsonLd.invented).toEqual([]);
    // The industry as read chooses the schema.org type too.
    const ld = JSON.parse(pages.find((p) => p.name === 'index.html')!.jsonLd[0]!);
    expect(ld['@type']).toBe('ExerciseGym');
  });

  it('the same bundle with 0–100 scores reads the same and builds the same bytes', async () => {
    const raw = fullExample();
    Object.assign(raw.dream_dna_type, { risk_tolerance: 40, innovation_level: 55, scale_ambition: 30 });
    const { summary } = await generateSiteDetailed({
      source: { kind: 'dna', file: bundleFile('full-percent', raw) },
      outDir: join(home, 'full-percent'),
    });
    expect(summary.template).toEqual(first.summary.template);
    expect(summary.build_hash).toBe(first.summary.build_hash);
  });
});

describe('a founder in the database with unknown labels and no ids', { timeout: 240_000 }, () => {
  it('keeps every label as given through seeding and a founder generate, and explains the reading', async () => {
    // Seeded the way supabase/seed.sql is built: a bundle folder without users.id or users.slug.
    const root = scratch('ds-seed-root-');
    const slug = 'northside';
    const raw = fullExample();
    for (const m of raw.media_assets) {
      mkdirSync(join(root, 'supabase', 'demo', 'media'), { recursive: true });
      copyFileSync(m.file, join(root, 'supabase', 'demo', 'media', 'photo-green-meadow.jpg'));
      m.file = '../media/photo-green-meadow.jpg';
    }
    mkdirSync(join(root, 'supabase', 'demo', slug), { recursive: true });
    writeFileSync(join(root, 'supabase', 'demo', slug, 'dna.json'), JSON.stringify(raw));
    const db = await openTestDatabase({ seed: false });
    try {
      await db.exec(await buildSeedSql(root));
      const outDir = join(home, 'founder');
      const { summary, spec } = await generateSiteDetailed({
        source: { kind: 'founder', idOrSlug: slug },
        db,
        outDir,
      });
      expect(summary.founder).toMatchObject({ id: founderIdFromSlug(slug), slug });
      expect(summary.recorded?.sections_written).toBeGreaterThan(0);
      expect(summary.template.id).toBe('wellness');
      expect(summary.template.reasons.find((r) => r.attribute === 'industry_vertical')).toMatchObject({
        value: 'boutique_fitness',
        read_as: 'fitness',
      });

      const [type] = await db.query(
        `select business_archetype, secondary_archetype, industry_vertical, business_model_type,
                risk_tolerance, innovation_level, scale_ambition
           from public.dream_dna_type where user_id = $1`,
        [summary.founder.id],
      );
      expect(type).toEqual({
        business_archetype: 'craftsman',
        secondary_archetype: 'hero',
        industry_vertical: 'boutique_fitness',
        business_model_type: 'b2c',
        risk_tolerance: 40,
        innovation_level: 55,
        scale_ambition: 30,
      });
      const [truth] = await db.query(
        'select extraction_source from public.dream_dna_truth where user_id = $1',
        [summary.founder.id],
      );
      expect(truth).toEqual({ extraction_source: 'phone_interview' });

      const bundle = await asService(db, (tx) => loadBundleFromDb(tx, slug));
      const { pages, invented } = inspect(outDir, spec, bundle);
      for (const page of pages)
        expect(
          page.h.filter((h) => h.level === 1),
          page.name,
        ).toHaveLength(1);
      expect(invented).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('prices without a currency, and a name that only looks like a cue word', {
  timeout: 180_000,
}, () => {
  it('shows the amounts as given, states no currency anywhere, and says what to add', async () => {
    const raw = {
      dream_dna_truth: {
        business_name: 'Le Petit Four',
        primary_service: 'Pâtisserie',
        location_city: 'Lyon',
        services: [
          { name: 'Croissant', price: 2.5 },
          { name: 'Café crème', price: 4 },
        ],
      },
    };
    const outDir = join(home, 'no-currency');
    const { summary, spec } = await generateSiteDetailed({
      source: { kind: 'dna', file: bundleFile('no-currency', raw) },
      outDir,
    });
    // "Petit" is not a pet: the pâtisserie is read as food.
    expect(summary.template.note).toMatch(/"food_beverage" was inferred/);
    expect(summary.warnings).toContainEqual(expect.stringMatching(/^The prices are shown as plain amounts/));
    const bundle = parseBundle(raw, home, 'no-currency bundle');
    const { pages, invented, jsonLd } = inspect(outDir, spec, bundle);
    const text = pages.map((p) => p.text).join(' ');
    expect(text).toContain('Croissant');
    expect(text).toMatch(/\b2\.50\b/);
    expect(text).not.toMatch(/[$€£]|USD|EUR/);
    const blocks = pages.flatMap((p) => p.jsonLd).join(' ');
    expect(blocks).not.toMatch(/priceCurrency|USD/);
    expect(invented).toEqual([]);
    expect(jsonLd.invented).toEqual([]);
  });
});
