import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { addFiles } from '../../../generator/files/add-files.ts';
import { localFileStorage } from '../../../generator/files/storage/local.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { fixtureFiles } from '../../helpers/fixtures.ts';
import { fixturesDir, hostileSvg, jpegWithScript, pixelBomb } from './hostile-uploads.ts';

/**
 * `addFiles` against a migrated, seeded database and the embedded store: every
 * shared fixture goes through add → variants → palette; unsafe batches leave
 * nothing behind; a database failure takes back what was stored.
 */
const PLUMBER = 'emergency-plumber'; // no media in the seed
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';

let db: Database & { pglite: import('@electric-sql/pglite').PGlite };
const root = mkdtempSync(join(tmpdir(), 'dreamseed-files-'));
const storageRoot = join(root, 'storage');
const cacheDir = join(root, 'cache');
const storage = localFileStorage({ root: storageRoot, bucket: 'founder-media' });
const context = () => ({ db, storage, cacheDir });
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  process.env.DREAMSEED_HOME = root; // the embedded store of the config is then `storageRoot`
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const storedFiles = (): string[] =>
  existsSync(storageRoot)
    ? readdirSync(storageRoot, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[a-z]+$/.test(f))
    : [];

async function count(table: string, user = PLUMBER): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from public.${table} t join public.users u on u.id = t.user_id where u.slug = $1`,
    [user],
  );
  return row!.n;
}

describe('every shared fixture: add → variants → palette', () => {
  const fixtures = fixtureFiles();

  it('stores, records and prepares each file', async () => {
    const logos = fixtures.filter((f) => f.startsWith('logo'));
    const photos = fixtures.filter((f) => f.startsWith('photo'));
    const added = [
      ...(await addFiles(
        { user: PLUMBER, category: 'logo', files: logos.map((f) => ({ path: join(fixturesDir, f) })) },
        context(),
      )),
      ...(await addFiles(
        { user: PLUMBER, category: 'photo', files: photos.map((f) => ({ path: join(fixturesDir, f) })) },
        context(),
      )),
    ];
    expect(added).toHaveLength(fixtures.length);
    expect(
      added
        .filter((a) => a.is_primary)
        .map((a) => a.category)
        .sort(),
    ).toEqual(['logo', 'photo']);

    for (const file of added) {
      expect(file.status).toBe('added');
      const stored = readFileSync(join(storageRoot, 'founder-media', file.storage_path));
      expect(sha256(stored)).toBe(file.content_hash);
      expect(file.storage_path).toMatch(/^d7ea0000-0000-4000-8000-000000000004\/[0-9a-f]{64}\.(jpg|png)$/);
      expect(file.palette.swatches.length).toBeGreaterThanOrEqual(3);
      expect(file.variants.formats.sort()).toEqual(['avif', 'webp']);
      expect(file.alt.status).toBe('needs_input');

      const [row] = await db.query<Record<string, unknown>>(
        `select m.*, f.processing_status, f.original_filename, f.stored_filename, f.content_hash as file_hash, f.metadata
           from public.media_assets m join public.file_buckets f on f.id = m.file_bucket_id where m.id = $1`,
        [file.media_asset_id],
      );
      expect(row).toMatchObject({
        processing_status: 'ready',
        optimization_status: 'optimized',
        content_hash: file.content_hash,
        file_hash: file.content_hash,
        palette_source_hash: file.content_hash,
        dominant_color: file.palette.dominant,
        stored_filename: `${file.content_hash}.${file.mime_type === 'image/png' ? 'png' : 'jpg'}`,
      });
      expect((row!.color_palette as { swatches: unknown[] }).swatches).toEqual(file.palette.swatches);
      const variants = row!.optimized_variants as {
        files: { format: string; width: number }[];
        cache_key: string;
      };
      for (const v of variants.files) {
        const dir = readdirSync(join(cacheDir, 'images')).find((d) => d.startsWith(variants.cache_key));
        expect(dir, `variants of ${file.source}`).toBeDefined();
        expect(
          existsSync(join(cacheDir, 'images', dir!, `${variants.cache_key}-${v.width}.${v.format}`)),
        ).toBe(true);
      }
    }

    const svg = added.find((a) => a.source.endsWith('.svg'))!;
    expect(svg.mime_type).toBe('image/png');
    expect(svg.original_filename).toBe('logo-inkscape.svg');
  });

  it('publishes the GPS photo upright and without any metadata, while the private original keeps it', async () => {
    const [row] = await db.query<{
      optimized_variants: { cache_key: string };
      metadata: Record<string, unknown>;
      storage_path: string;
      width: number;
      height: number;
    }>(
      `select m.optimized_variants, f.metadata, m.storage_path, m.width, m.height from public.media_assets m
         join public.file_buckets f on f.id = m.file_bucket_id where f.original_filename = 'photo-gps-rotated.jpg'`,
    );
    // Stored pixels are 1600 × 1065 with "rotate 90°": the asset is recorded as people see it, portrait.
    expect([row!.width, row!.height]).toEqual([1065, 1600]);
    expect(row!.metadata).toMatchObject({
      has_gps: true,
      orientation: 6,
      upright_width: 1065,
      upright_height: 1600,
    });
    const key = row!.optimized_variants.cache_key;
    const dir = join(
      cacheDir,
      'images',
      readdirSync(join(cacheDir, 'images')).find((d) => d.startsWith(key))!,
    );
    const files = readdirSync(dir).filter((f) => /\.(webp|avif)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const meta = await sharp(join(dir, f)).metadata();
      expect(meta.height! > meta.width!, `${f} is portrait`).toBe(true);
      expect(meta.exif, `${f} EXIF`).toBeUndefined();
      expect(meta.xmp, `${f} XMP`).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
    }
    const original = await sharp(join(storageRoot, 'founder-media', row!.storage_path)).metadata();
    expect(original.exif).toBeDefined();
  });

  it("the founder's next build reads the stored files: colours, favicon and touch icon from the primary logo", async () => {
    const [logo] = await db.query<{ id: string }>(
      `select m.id from public.media_assets m join public.users u on u.id = m.user_id
        where u.slug = $1 and m.asset_category = 'logo' and m.is_primary`,
      [PLUMBER],
    );
    const outDir = join(root, 'site');
    const summary = await generateSite({ source: { kind: 'founder', idOrSlug: PLUMBER }, db, outDir });
    expect(summary.palette.source).toMatchObject({ kind: 'asset', asset: logo!.id, category: 'logo' });
    expect(summary.palette.contrast.every((c) => c.ratio >= c.required)).toBe(true);
    for (const f of ['favicon.png', 'favicon.ico', 'apple-touch-icon.png'])
      expect(existsSync(join(outDir, f)), f).toBe(true);
  });

  it('an earlier row with the stored (sideways) size is set upright by the migration', async () => {
    await db.query(
      `update public.media_assets m set width = 1600, height = 1065 from public.file_buckets f
        where f.id = m.file_bucket_id and f.original_filename = 'photo-gps-rotated.jpg'`,
    );
    const migration = readdirSync(join(repoRoot, 'supabase', 'migrations')).find((f) =>
      f.endsWith('_media_upright_size.sql'),
    )!;
    await db.exec(readFileSync(join(repoRoot, 'supabase', 'migrations', migration), 'utf8'));
    const rows = await db.query<{ original_filename: string; width: number; height: number }>(
      `select f.original_filename, m.width, m.height from public.media_assets m
         join public.file_buckets f on f.id = m.file_bucket_id join public.users u on u.id = m.user_id
        where u.slug = $1 order by f.original_filename`,
      [PLUMBER],
    );
    expect(rows.find((r) => r.original_filename === 'photo-gps-rotated.jpg')).toMatchObject({
      width: 1065,
      height: 1600,
    });
    // Upright files keep their size.
    expect(rows.find((r) => r.original_filename === 'photo-grey-moon.jpg')).toMatchObject({
      width: 2400,
      height: 1200,
    });
  });

  it('without a category, each file gets the one suggested from its pixels, and says why', async () => {
    const added = await addFiles(
      {
        user: 'dog-groomer',
        files: [
          { path: join(fixturesDir, 'logo-vlc.png') },
          { path: join(fixturesDir, 'photo-yellow-flower.jpg') },
        ],
      },
      context(),
    );
    expect(added.map((a) => [a.category, a.category_choice.by])).toEqual([
      ['logo', 'suggested'],
      ['photo', 'suggested'],
    ]);
    const [logo, photo] = added;
    expect(logo!.category_choice).toMatchObject({
      category: 'logo',
      reasons: expect.arrayContaining([expect.stringMatching(/^transparent background/)]),
    });
    expect(photo!.category_choice).toMatchObject({
      category: 'photo',
      reasons: expect.arrayContaining(['no transparent background']),
    });
    const rows = await db.query<{ asset_category: string; file_category: string }>(
      `select m.asset_category, f.file_category from public.media_assets m join public.file_buckets f on f.id = m.file_bucket_id
        where m.id = any($1::uuid[]) order by m.asset_category`,
      [added.map((a) => a.media_asset_id)],
    );
    expect(rows).toEqual([
      { asset_category: 'logo', file_category: 'logo' },
      { asset_category: 'photo', file_category: 'photo' },
    ]);
    // A logo's variants are the logo slot's widths.
    expect(logo!.variants.widths.every((w) => w <= 320)).toBe(true);
    const [given] = await addFiles(
      { user: 'dog-groomer', category: 'product', files: [{ path: join(fixturesDir, 'logo-gimp.png') }] },
      context(),
    );
    expect(given!.category_choice).toEqual({ by: 'given' });
    expect(given!.category).toBe('product');
  });

  it('adding the same file again changes nothing', async () => {
    const before = [await count('media_assets'), await count('file_buckets'), storedFiles().length];
    const [again] = await addFiles(
      { user: PLUMBER, category: 'photo', files: [{ path: join(fixturesDir, 'photo-grey-moon.jpg') }] },
      context(),
    );
    expect(again!.status).toBe('already_stored');
    expect([await count('media_assets'), await count('file_buckets'), storedFiles().length]).toEqual(before);
  });
});

describe('unsafe or unusable uploads', () => {
  it('refuse the whole batch, naming every bad file and its reason, and store nothing', async () => {
    const before = [await count('media_assets', 'food-bank'), storedFiles().length];
    const dir = mkdtempSync(join(root, 'batch-'));
    writeFileSync(join(dir, 'bomb.png'), pixelBomb());
    writeFileSync(join(dir, 'flower.jpg'), jpegWithScript());
    writeFileSync(join(dir, 'empty.gif'), Buffer.alloc(0));
    const error = await addFiles(
      {
        user: 'food-bank',
        category: 'photo',
        files: [
          { path: join(fixturesDir, 'photo-green-meadow.jpg') },
          { path: join(dir, 'bomb.png') },
          { path: join(dir, 'flower.jpg') },
          { path: join(dir, 'empty.gif') },
          { path: join(dir, 'missing.jpg') },
          { name: 'logo.svg', bytes: hostileSvg },
        ],
      },
      context(),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_REFUSED', kind: 'input' });
    const message = (error as Error).message;
    expect(message).toMatch(/^4 of 6 files were refused, so nothing was stored/);
    expect(message).toMatch(/bomb\.png: it declares 60000 × 60000 pixels/);
    expect(message).toMatch(/flower\.jpg: it carries HTML or script markup/);
    expect(message).toMatch(/empty\.gif: the file is empty/);
    expect(message).toMatch(/missing\.jpg: there is no such file/);
    expect(message).not.toMatch(/green-meadow|logo\.svg/);
    expect([await count('media_assets', 'food-bank'), storedFiles().length]).toEqual(before);
  });

  it('a description must describe one image, and never says "image of"', async () => {
    await expect(
      addFiles(
        { user: PLUMBER, category: 'photo', description: 'x', files: [{ path: 'a.jpg' }, { path: 'b.jpg' }] },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      addFiles(
        {
          user: PLUMBER,
          category: 'photo',
          description: 'IMG_2041.jpg',
          files: [{ path: join(fixturesDir, 'photo-grey-moon.jpg') }],
        },
        context(),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const [added] = await addFiles(
      {
        user: 'food-bank',
        category: 'photo',
        description: 'Picture of a green meadow under a clear sky',
        files: [{ path: join(fixturesDir, 'photo-green-meadow.jpg') }],
      },
      context(),
    );
    expect(added!.alt).toEqual({ status: 'described', text: 'A green meadow under a clear sky' });
  });
});

describe('nothing half-stored', () => {
  it('removes the objects it stored when the database step fails', async () => {
    const before = storedFiles();
    const failing: Database = {
      ...db,
      kind: db.kind,
      description: db.description,
      close: () => db.close(),
      query: (sql, params) => db.query(sql, params),
      exec: (sql) => db.exec(sql),
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            exec: (sql) => tx.exec(sql),
            query: (sql, params) => {
              if (/insert into public\.media_assets/.test(sql)) throw new Error('disk full');
              return tx.query(sql, params);
            },
          }),
        ),
    };
    const file = join(root, 'fresh.png');
    writeFileSync(
      file,
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6' } })
        .png()
        .toBuffer(),
    );
    await expect(
      addFiles(
        { user: 'yoga-studio', category: 'photo', files: [{ path: file }] },
        { ...context(), db: failing },
      ),
    ).rejects.toThrow('disk full');
    expect(storedFiles()).toEqual(before);
    expect(await count('file_buckets', 'yoga-studio')).toBe(0);
  });
});

describe('as the founder, under Row Level Security', () => {
  it('adds to their own media and cannot reach another founder', async () => {
    const file = join(root, 'bread.png');
    writeFileSync(
      file,
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#b5651d' } })
        .png()
        .toBuffer(),
    );
    const [added] = await addFiles(
      { user: 'bakery', category: 'product', files: [{ path: file }] },
      { ...context(), asFounder: BAKERY_AUTH },
    );
    expect(added!.status).toBe('added');
    expect(added!.is_primary).toBe(true);
    await expect(
      addFiles(
        { user: 'yoga-studio', category: 'photo', files: [{ path: file }] },
        { ...context(), asFounder: BAKERY_AUTH },
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a second logo does not displace the primary one', async () => {
    const [added] = await addFiles(
      { user: 'bakery', category: 'logo', files: [{ path: join(fixturesDir, 'logo-gimp.png') }] },
      context(),
    );
    expect(added!.is_primary).toBe(false);
  });
});
