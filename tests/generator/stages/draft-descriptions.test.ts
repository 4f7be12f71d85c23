import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { addFiles } from '../../../generator/files/add-files.ts';
import { confirmDescription, listMedia, showDescription } from '../../../generator/files/manage-files.ts';
import { localFileStorage } from '../../../generator/files/storage/local.ts';
import { generateSiteDetailed } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { htmlFiles, pageFacts } from '../../helpers/html.ts';
import { scratchFolders } from '../../helpers/scratch.ts';
import { fixturesDir } from '../files/hostile-uploads.ts';
import { echoReference, type LoopbackOpenAi, startLoopbackOpenAi } from '../writers/loopback-openai.ts';
import { loopbackWriter } from '../writers/loopback-writer.ts';

/**
 * A founder's logo and photos added without descriptions (real files, real
 * sharp, a real database, real Astro builds). Offline, the logo is in the
 * header, a photo is used as decoration and one warning lists the photos and
 * the command. With the OpenAI writer, the model (the loopback server, through
 * the real SDK) drafts descriptions from the images: they are stored
 * unconfirmed and reach no page until the founder confirms one.
 */
const scratch = scratchFolders();
const root = scratch('ds-drafts-');
const PLUMBER = 'emergency-plumber'; // no media in the seed
let db: Database;
let server: LoopbackOpenAi;
const DRAFTS: Record<string, string> = {
  'photo-yellow-flower.jpg': 'A bright yellow flower with long petals against a dark background',
  'photo-gps-rotated.jpg': 'Two reddish dogs looking over a wooden balcony rail',
  'photo-green-meadow.jpg': 'Dense green grass blades, the background out of focus',
};
let ids: Record<string, string> = {};

beforeAll(async () => {
  process.env.DREAMSEED_HOME = root;
  db = await openTestDatabase();
  const storage = localFileStorage({ root: join(root, 'storage'), bucket: 'founder-media' });
  const context = { db, storage, cacheDir: join(root, 'cache') };
  const added = [
    ...(await addFiles(
      { user: PLUMBER, category: 'logo', files: [{ path: join(fixturesDir, 'logo-vlc.png') }] },
      context,
    )),
    ...(await addFiles(
      {
        user: PLUMBER,
        category: 'photo',
        files: Object.keys(DRAFTS).map((f) => ({ path: join(fixturesDir, f) })),
      },
      context,
    )),
  ];
  ids = Object.fromEntries(added.map((a) => [a.original_filename, a.media_asset_id]));
  // The model drafts a description from each image it is shown (told apart by their sizes), and echoes section copy.
  server = await startLoopbackOpenAi(async (r) => {
    if (r.section !== 'image_description') return echoReference(r);
    const { default: sharp } = await import('sharp');
    const meta = await sharp(r.images[0]!.bytes).metadata();
    const file =
      meta.height! > meta.width!
        ? 'photo-gps-rotated.jpg'
        : meta.width! / meta.height! > 1.4
          ? 'photo-yellow-flower.jpg'
          : 'photo-green-meadow.jpg';
    return { answer: { description: DRAFTS[file] } };
  });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  delete process.env.DREAMSEED_HOME;
});

const imageRequests = () => server.requests.filter((r) => r.section === 'image_description').length;

function siteText(outDir: string): string {
  return htmlFiles(outDir)
    .map((f) => readFileSync(join(outDir, f), 'utf8'))
    .join('\n');
}

describe('undescribed photos and logo', () => {
  it('offline: the logo is in the header, a wide photo is decoration, and one warning lists the photos', async () => {
    const outDir = join(root, 'offline');
    const { summary } = await generateSiteDetailed({
      source: { kind: 'founder', idOrSlug: PLUMBER },
      db,
      outDir,
      writer: 'offline',
    });
    const home = pageFacts(join(outDir, 'index.html'));
    const header = home.imgs.filter((i) => !i.inMain);
    expect(header).toHaveLength(1);
    expect(header[0]!.attrs.alt).toBe('');
    const main = home.imgs.filter((i) => i.inMain);
    expect(main).toHaveLength(1);
    expect(main[0]!.attrs.alt).toBe('');
    // The hero is a wide band: the portrait photo is not it.
    expect(Number(main[0]!.attrs.width)).toBeGreaterThan(Number(main[0]!.attrs.height));

    const undescribed = summary.warnings.filter((w) => /no description/.test(w));
    expect(undescribed).toHaveLength(1);
    for (const file of Object.keys(DRAFTS)) expect(undescribed[0]).toContain(ids[file]);
    expect(undescribed[0]).toMatch(
      /^3 photos have no description, so they are shown only as decoration \(alt="", as a hero background\) and never in a gallery: /,
    );
    expect(undescribed[0]).toContain(`dreamseed files describe ID "what it shows" --user ${PLUMBER}`);
    expect(undescribed[0]).not.toContain(ids['logo-vlc.png']);
    // What the site does not show is named, each with its reason.
    const unused = summary.warnings.find((w) => w.startsWith('Not shown on the site: '))!;
    expect(unused).toContain(
      `(${ids['photo-gps-rotated.jpg']}): a portrait photo does not fit the wide hero, and a gallery needs a description`,
    );
    expect(unused).not.toContain(ids['logo-vlc.png']);
    expect(imageRequests()).toBe(0);
  });

  it('with the OpenAI writer: drafts are stored unconfirmed and no page shows them', async () => {
    const outDir = join(root, 'openai');
    const { summary } = await generateSiteDetailed({
      source: { kind: 'founder', idOrSlug: PLUMBER },
      db,
      outDir,
      writer: loopbackWriter(server.url),
    });
    expect(imageRequests()).toBe(3);
    const rows = await db.query<{
      original_filename: string;
      description: string | null;
      ai_description: string;
      meta: Record<string, unknown>;
    }>(
      `select f.original_filename, m.description, f.ai_description, f.metadata -> 'ai_description' as meta
         from public.media_assets m join public.file_buckets f on f.id = m.file_bucket_id
        where m.asset_category = 'photo' and m.user_id = (select id from public.users where slug = $1)`,
      [PLUMBER],
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.description).toBeNull();
      expect(row.ai_description).toBe(DRAFTS[row.original_filename]);
      expect(row.meta).toMatchObject({ model: 'gpt-4.1-mini', confirmed_at: null });
    }
    const html = siteText(outDir);
    for (const draft of Object.values(DRAFTS)) expect(html).not.toContain(draft);
    expect(pageFacts(join(outDir, 'index.html')).imgs.find((i) => i.inMain)!.attrs.alt).toBe('');
    const warning = summary.warnings.find((w) => /no description/.test(w))!;
    expect(warning).toMatch(
      /AI-drafted descriptions wait for your confirmation for .*: see a draft with dreamseed files describe ID, and use it with --confirm/,
    );

    // Listed as drafts, not as descriptions.
    const items = await asService(db, (tx) => listMedia(tx, PLUMBER));
    expect(items.filter((i) => i.draft).map((i) => i.alt)).toEqual([
      'needs_input',
      'needs_input',
      'needs_input',
    ]);

    // A second run asks the model for nothing new: each image has its draft.
    await generateSiteDetailed({
      source: { kind: 'founder', idOrSlug: PLUMBER },
      db,
      outDir,
      writer: loopbackWriter(server.url),
    });
    expect(imageRequests()).toBe(3);
  });

  it('the founder confirms one draft: it becomes the alt text, and only then reaches the site', async () => {
    const flower = ids['photo-yellow-flower.jpg']!;
    const shown = await asService(db, (tx) => showDescription(tx, flower, PLUMBER));
    expect(shown).toMatchObject({
      description: null,
      draft: { text: DRAFTS['photo-yellow-flower.jpg'], confirmed_at: null },
    });
    const confirmed = await asService(db, (tx) => confirmDescription(tx, flower, PLUMBER));
    expect(confirmed.description).toBe(DRAFTS['photo-yellow-flower.jpg']);
    const after = await asService(db, (tx) => showDescription(tx, flower));
    expect(after.description).toBe(DRAFTS['photo-yellow-flower.jpg']);
    expect(after.draft?.confirmed_at).toBeTruthy();

    const outDir = join(root, 'confirmed');
    const { summary } = await generateSiteDetailed({
      source: { kind: 'founder', idOrSlug: PLUMBER },
      db,
      outDir,
      writer: 'offline',
    });
    const hero = pageFacts(join(outDir, 'index.html')).imgs.find((i) => i.inMain)!;
    expect(hero.attrs.alt).toBe(DRAFTS['photo-yellow-flower.jpg']);
    const html = siteText(outDir);
    for (const file of ['photo-gps-rotated.jpg', 'photo-green-meadow.jpg'])
      expect(html).not.toContain(DRAFTS[file]);
    expect(summary.warnings.find((w) => /no description/.test(w))).toMatch(/^2 photos have no description/);
  });
});
