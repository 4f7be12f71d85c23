import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../generator/dna/bundle-file.ts';
import { founderIdFromSlug } from '../../generator/dna/founder-identity.ts';
import {
  buildSeedSql,
  imageSize,
  readDemoBundles,
  sqlLiteral,
  stableUuid,
} from '../../scripts/seed/build-seed-sql.ts';
import { scratchFolders } from '../helpers/scratch.ts';
import { openFreshDb } from './fresh-db.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const scratch = scratchFolders();

/** A repository root holding one demo bundle, supabase/demo/<slug>/dna.json. */
async function demoRoot(slug: string, bundle: unknown): Promise<string> {
  const root = scratch('ds-seed-');
  await mkdir(join(root, 'supabase', 'demo', slug), { recursive: true });
  await writeFile(join(root, 'supabase', 'demo', slug, 'dna.json'), JSON.stringify(bundle));
  return root;
}
const supabaseDir = join(repoRoot, 'supabase');
const mediaDir = join(supabaseDir, 'demo', 'media');

/**
 * Founders allowed to have no dream_dna_probability rows. Keep in step with the table in
 * supabase/demo/README.md ("what is deliberately missing"); today every founder has some.
 */
const FOUNDERS_WITHOUT_PROBABILITIES = new Set<string>();

const bundles = await readDemoBundles(repoRoot);

type Row = Record<string, unknown>;
const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

async function sourcesTsv(): Promise<Map<string, Record<string, string>>> {
  const [header, ...lines] = (await readFile(join(mediaDir, 'SOURCES.tsv'), 'utf8')).trimEnd().split('\n');
  const columns = (header ?? '').split('\t');
  const map = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const cells = line.split('\t');
    map.set(cells[0] ?? '', Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])));
  }
  return map;
}

describe('supabase/seed.sql', () => {
  it('is up to date with the demo bundles (run: node scripts/seed/build-seed-sql.ts)', async () => {
    const committed = await readFile(join(supabaseDir, 'seed.sql'), 'utf8');
    expect(committed).toBe(await buildSeedSql(repoRoot));
  });

  it('is deterministic', async () => {
    expect(await buildSeedSql(repoRoot)).toBe(await buildSeedSql(repoRoot));
  });

  it('applies cleanly on a freshly migrated database', async () => {
    const db = await openFreshDb();
    try {
      await db.exec(await readFile(join(supabaseDir, 'seed.sql'), 'utf8'));
      const counts = await db.query<{ users: number; truth: number; types: number; transcripts: number }>(
        `select (select count(*)::int from public.users) as users,
                (select count(*)::int from public.dream_dna_truth) as truth,
                (select count(*)::int from public.dream_dna_type) as types,
                (select count(*)::int from public.transcripts_raw) as transcripts`,
      );
      expect(counts.rows[0]).toEqual({
        users: bundles.length,
        truth: bundles.length,
        types: bundles.length,
        transcripts: bundles.length,
      });
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe('demo bundles (supabase/demo/<slug>/dna.json)', () => {
  it('has the eight demo founders with unique slugs and ids', () => {
    expect(bundles.length).toBe(8);
    const users = bundles.map((b) => b.data.users as Row);
    for (const key of ['slug', 'id', 'auth_user_id', 'customer_email']) {
      const values = users.map((u) => u[key]);
      expect(new Set(values).size, `${key} must be unique`).toBe(values.length);
    }
    for (const b of bundles) expect((b.data.users as Row).slug).toBe(b.slug);
  });

  it.each(bundles.map((b) => [b.slug, b] as const))('%s parses as a DNA bundle', (_slug, b) => {
    expect(() => parseBundle(b.data, dirname(b.file), b.file)).not.toThrow();
  });

  it.each(bundles.map((b) => [b.slug, b] as const))(
    '%s has truth, type, probabilities and exactly one transcript',
    (slug, b) => {
      const truth = b.data.dream_dna_truth as Row | undefined;
      expect(truth?.business_name).toBeTruthy();
      expect((b.data.dream_dna_type as Row | undefined)?.business_archetype).toBeTruthy();
      const probabilities = rows(b.data.dream_dna_probability);
      if (!FOUNDERS_WITHOUT_PROBABILITIES.has(slug)) expect(probabilities.length).toBeGreaterThanOrEqual(1);
      const transcripts = rows(b.data.transcripts_raw);
      expect(transcripts).toHaveLength(1);
      for (const line of String(transcripts[0]?.transcript_text).split('\n')) {
        expect(line).toMatch(/^(Assistant|Founder): /);
      }
      // every probability row names a fact the truth row holds, and its chosen reading is that fact
      for (const p of probabilities) {
        const field = String(p.field_name);
        expect(truth, `probability for ${field}`).toHaveProperty(field);
        const selected = String(p.user_selected ?? 'primary');
        const chosen = selected === 'primary' ? p.primary_interpretation : p[selected];
        expect(String(truth?.[field])).toBe(chosen);
      }
      // a confidence for every fact the truth row holds
      const confidence = (truth?.field_confidence ?? {}) as Record<string, number>;
      const bookkeeping = new Set([
        'field_confidence',
        'confidence_score',
        'extraction_source',
        'validated_by_user',
        'currency',
      ]);
      for (const key of Object.keys(truth ?? {})) {
        if (!bookkeeping.has(key)) expect(confidence, `field_confidence.${key}`).toHaveProperty(key);
      }
    },
  );

  it('every referenced media file exists under supabase/demo/media and is listed in SOURCES.tsv', async () => {
    const sources = await sourcesTsv();
    const referenced = new Set<string>();
    for (const b of bundles) {
      for (const m of rows(b.data.media_assets)) {
        const file = resolve(dirname(b.file), String(m.file));
        expect(existsSync(file), `${b.slug}: ${String(m.file)}`).toBe(true);
        expect(
          relative(mediaDir, file).includes(sep),
          `${b.slug}: ${String(m.file)} must be directly in demo/media`,
        ).toBe(false);
        const name = relative(mediaDir, file);
        referenced.add(name);
        const row = sources.get(name);
        expect(row, `${name} missing from SOURCES.tsv`).toBeDefined();
        expect(row?.licence).toBeTruthy();
        expect(row?.source_package).toBeTruthy();
        expect(m.license).toBe(row?.licence);
      }
    }
    for (const name of sources.keys())
      expect(existsSync(join(mediaDir, name)), `${name} listed but missing`).toBe(true);
    expect(referenced.size).toBeGreaterThan(0);
  });

  it('covers the cases the site generator must handle', () => {
    const truths = bundles.map((b) => [b.slug, b.data.dream_dna_truth as Row] as const);
    const media = bundles.map((b) => rows(b.data.media_assets));
    expect(truths.some(([, t]) => !t.contact_phone)).toBe(true);
    expect(truths.some(([, t]) => !t.location_city)).toBe(true);
    expect(truths.some(([, t]) => !rows(t.services).some((s) => typeof s.price === 'number'))).toBe(true);
    expect(truths.filter(([, t]) => rows(t.testimonials).length === 0).length).toBeGreaterThanOrEqual(3);
    expect(truths.every(([, t]) => rows(t.testimonials).length <= 3)).toBe(true);
    expect(media.some((m) => m.length === 0)).toBe(true);
    expect(media.filter((m) => m.some((a) => a.asset_category === 'logo')).length).toBeGreaterThanOrEqual(2);
    const names = truths.map(([, t]) => String(t.business_name));
    expect(names.some((n) => /['&]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u00c0-\u024f]/.test(n))).toBe(true);
  });
});

describe('build-seed-sql helpers', () => {
  it('sqlLiteral escapes and types values', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral("Dale's 24/7 Plumbing & Drain")).toBe("'Dale''s 24/7 Plumbing & Drain'");
    expect(sqlLiteral('back\\slash')).toBe("'back\\slash'");
    expect(sqlLiteral(4.5)).toBe('4.5');
    expect(sqlLiteral(false)).toBe('false');
    expect(sqlLiteral({ quote: "it's" })).toBe(`'{"quote":"it''s"}'::jsonb`);
    expect(sqlLiteral(['a', "b'c"], { textArray: true })).toBe("ARRAY['a', 'b''c']::text[]");
    expect(sqlLiteral([], { textArray: true })).toBe('ARRAY[]::text[]');
    expect(sqlLiteral(['a'])).toBe(`'["a"]'::jsonb`);
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral('nul\u0000')).toThrow();
  });

  it('derives a missing users.id and users.slug, and stores 0–1 scores on 0–100', async () => {
    const root = await demoRoot('northside', {
      users: { business_name: 'Northside' },
      dream_dna_type: { industry_vertical: 'boutique_fitness', risk_tolerance: 0.4, scale_ambition: 1 },
    });
    const sql = await buildSeedSql(root);
    const id = founderIdFromSlug('northside');
    expect(sql).toContain(
      `insert into public.users (id, slug, business_name)\nvalues ('${id}', 'northside', 'Northside');`,
    );
    expect(sql).toMatch(/'boutique_fitness', 40, 100\);/);
  });

  it('refuses a bundle whose scores are on neither scale, naming the field', async () => {
    const root = await demoRoot('northside', { dream_dna_type: { risk_tolerance: 140 } });
    await expect(buildSeedSql(root)).rejects.toThrow(
      /dream_dna_type\.risk_tolerance: 140 is outside 0–1 and 0–100/,
    );
  });

  it('stableUuid is a deterministic uuid', () => {
    const id = stableUuid('x', 'y');
    expect(id).toBe(stableUuid('x', 'y'));
    expect(id).not.toBe(stableUuid('x', 'z'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('imageSize reads PNG, JPEG and SVG headers', async () => {
    expect(imageSize(await readFile(join(mediaDir, 'logo-debian.png')))).toEqual({ width: 256, height: 256 });
    // stored pixels; the EXIF orientation (rotate 90) is not applied
    expect(imageSize(await readFile(join(mediaDir, 'photo-gps-rotated.jpg')))).toEqual({
      width: 1600,
      height: 1065,
    });
    expect(imageSize(await readFile(join(mediaDir, 'logo-inkscape.svg')))).toEqual({
      width: 128,
      height: 128,
    });
    expect(imageSize(new TextEncoder().encode('not an image'))).toBeNull();
  });
});
