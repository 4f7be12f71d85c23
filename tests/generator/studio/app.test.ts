import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { storeDraft } from '../../../generator/files/description-drafts.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { scratchFolders } from '../../helpers/scratch.ts';
import { type ServedStudio, serveStudio, signedIn } from './studio-server.ts';

/**
 * The studio through real HTTP against a real PGlite with the bakery's site
 * built: sign-in and its cookie, every page, form posts with POST-redirect-GET,
 * validation errors shown next to their field, CSRF refused, and another
 * founder's ids refused (not found: Row Level Security hides them).
 */
const scratch = scratchFolders();
const home = scratch('dreamseed-studio-');
const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'media');
let db: Database;
let studio: ServedStudio;
let bakery: { id: string; auth: string };
let yoga: { id: string; auth: string };

const founder = async (slug: string) => {
  const [row] = await db.query<{ id: string; auth: string }>(
    'select id::text as id, auth_user_id::text as auth from public.users where slug = $1',
    [slug],
  );
  return row!;
};
const sections = (userId: string) =>
  db.query<{
    id: string;
    section_key: string;
    page: string;
    status: string;
    revision: number;
    content: Record<string, unknown>;
  }>(
    `select id::text as id, section_key, page, status, revision, content from public.website_sections
      where user_id = $1 and is_current order by page, position`,
    [userId],
  );

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  await generateSite({ source: { kind: 'founder', idOrSlug: 'bakery' }, db, writer: 'offline' });
  bakery = await founder('bakery');
  yoga = await founder('yoga-studio');
  studio = await serveStudio(db, home);
}, 180_000);
afterAll(async () => {
  await studio?.close();
  await db?.close();
});

describe('signing in', () => {
  it('sends a visitor without a session to the local sign-in, marked local only, listing the seeded founders', async () => {
    const res = await fetch(`${studio.url}/site`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/studio/sign-in');
    const page = await (await fetch(`${studio.url}/sign-in`)).text();
    expect(page).toMatch(/local only/i);
    expect(page).toContain(`value="${bakery.auth}"`);
    expect(page).toContain('bakery');
  });

  it('sets an HttpOnly, SameSite access cookie and opens the site; a wrong founder is refused', async () => {
    const res = await fetch(`${studio.url}/sign-in`, {
      method: 'POST',
      headers: { origin: studio.origin },
      body: new URLSearchParams({ founder: bakery.auth }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ds_access='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const bad = await fetch(`${studio.url}/sign-in`, {
      method: 'POST',
      headers: { origin: studio.origin },
      body: new URLSearchParams({ founder: '00000000-0000-4000-8000-000000000000' }),
      redirect: 'manual',
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/choose one of the founders/i);
  });

  it('marks the cookie Secure when served over HTTPS (behind a proxy that says so)', async () => {
    const res = await fetch(`${studio.url}/sign-in`, {
      method: 'POST',
      headers: { origin: studio.origin, 'x-forwarded-proto': 'https' },
      body: new URLSearchParams({ founder: bakery.auth }),
      redirect: 'manual',
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('ds_access='))).toMatch(/Secure/);
  });

  it('treats a tampered token as no session, and signs out by clearing the cookie', async () => {
    const me = await signedIn(studio, bakery.auth);
    const [head, body] = me.token().split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: yoga.auth })).toString('base64url')}.${me.token().split('.')[2]}`;
    const res = await fetch(`${studio.url}/site`, {
      headers: { cookie: `ds_access=${forged}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/studio/sign-in');
    const out = await me.post('/sign-out', {}, '/site');
    expect(out.status).toBe(303);
    expect(me.cookies.has('ds_access')).toBe(false);
    expect((await me.get('/site')).status).toBe(303);
  });
});

describe('pages', () => {
  it('renders every area for the founder, with a strict content security policy', async () => {
    const me = await signedIn(studio, bakery.auth);
    for (const path of ['/site', '/sections', '/facts', '/media', '/palette', '/publishing']) {
      const res = await me.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      const body = await res.text();
      expect(body, path).toContain('aria-current="page"');
      expect(body, path).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{20,}"/);
    }
    const site = await (await me.get('/site')).text();
    expect(site).toMatch(/<iframe class="phone" src="\/studio\/preview\/\?v=/);
    expect(site).toMatch(/<iframe class="desktop"/);
  });

  it('serves the latest build privately, its root links moved under the preview', async () => {
    const me = await signedIn(studio, bakery.auth);
    const res = await me.get('/preview/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    const body = await res.text();
    expect(body).toMatch(/<h1/);
    expect(body).not.toMatch(/\b(href|src)="\/(?!studio\/preview\/|\/)/);
    expect((await fetch(`${studio.url}/preview/`, { redirect: 'manual' })).status).toBe(303);
  });
});

describe('forms', () => {
  it('refuses a post without the session token, and one from another origin', async () => {
    const me = await signedIn(studio, bakery.auth);
    const noToken = await fetch(`${studio.url}/palette`, {
      method: 'POST',
      headers: { cookie: `ds_access=${me.token()}`, origin: studio.origin },
      body: new URLSearchParams({ option: '1' }),
      redirect: 'manual',
    });
    expect(noToken.status).toBe(403);
    const token = await me.csrfOf('/palette');
    const crossSite = await fetch(`${studio.url}/palette`, {
      method: 'POST',
      headers: { cookie: `ds_access=${me.token()}`, origin: 'https://evil.example' },
      body: new URLSearchParams({ option: '1', _csrf: token }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    const [row] = await db.query<{ selected_palette: number | null }>(
      'select selected_palette from public.generated_websites where user_id = $1',
      [bakery.id],
    );
    expect(row!.selected_palette ?? 0).toBe(0);
  });

  it('corrects a fact through the dna set path, and shows a bad value next to its field', async () => {
    const me = await signedIn(studio, bakery.auth);
    const bad = await me.post('/facts', { field: 'services', value: '[{"name": ' }, '/facts');
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toMatch(/id="f-services"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/<p class="field-error" id="f-services-error">is not valid JSON; give a JSON list/);
    const ok = await me.post('/facts', { field: 'tagline', value: 'Bread worth waking up for' }, '/facts');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/studio/facts#f-tagline');
    const [truth] = await db.query<{ tagline: string; validated_fields: string[] }>(
      'select tagline, validated_fields from public.dream_dna_truth where user_id = $1',
      [bakery.id],
    );
    expect(truth!.tagline).toBe('Bread worth waking up for');
    expect(truth!.validated_fields).toContain('tagline');
    const [change] = await db.query<{ refs: string[] }>(
      `select refs from public.site_build_changes where user_id = $1 and kind = 'field' order by created_at desc limit 1`,
      [bakery.id],
    );
    expect(change!.refs).toContain('tagline');
    const after = await (await me.get('/facts')).text();
    expect(after).toContain('Saved tagline');
    expect(after).toContain('value="Bread worth waking up for"');
  });

  it('edits a section against its schema, with the error next to the field, then approves and restores', async () => {
    const me = await signedIn(studio, bakery.auth);
    const hero = (await sections(bakery.id)).find((s) => s.section_key === 'hero' && s.page === '')!;
    expect(typeof hero.content.headline).toBe('string');
    const long = await me.post(
      `/sections/${hero.id}/edit`,
      { 'f.headline': 'x'.repeat(400) },
      `/sections/${hero.id}`,
    );
    expect(long.status).toBe(422);
    expect(await long.text()).toMatch(
      /id="f-f-headline"[^>]*aria-invalid="true"[\s\S]*?<p class="field-error" id="f-f-headline-error">/,
    );
    const markup = await me.post(
      `/sections/${hero.id}/edit`,
      { 'f.headline': '<b>Hi</b>' },
      `/sections/${hero.id}`,
    );
    expect(markup.status).toBe(422);
    expect(await markup.text()).toMatch(/f-f-headline-error">contains markup or code/);
    const ok = await me.post(
      `/sections/${hero.id}/edit`,
      { 'f.headline': 'Warm loaves at dawn' },
      `/sections/${hero.id}`,
    );
    expect(ok.status).toBe(303);
    const edited = (await sections(bakery.id)).find((s) => s.section_key === 'hero' && s.page === '')!;
    expect(edited.content.headline).toBe('Warm loaves at dawn');
    expect(edited.revision).toBe(hero.revision + 1);
    expect((await me.post(`/sections/${edited.id}/approve`, {}, `/sections/${edited.id}`)).status).toBe(303);
    expect((await sections(bakery.id)).find((s) => s.id === edited.id)!.status).toBe('approved');
    const restore = await me.post(
      `/sections/${edited.id}/restore`,
      { revision: String(hero.revision) },
      `/sections/${edited.id}`,
    );
    expect(restore.status).toBe(303);
    const restored = (await sections(bakery.id)).find((s) => s.section_key === 'hero' && s.page === '')!;
    expect(restored.content.headline).toBe(hero.content.headline);
    const page = await (await me.get(`/sections/${restored.id}`)).text();
    expect(page).toMatch(/restored as revision/);
    expect(page).toContain('Facts it used');
  });

  it('chooses a palette, and refuses one that is not offered', async () => {
    const me = await signedIn(studio, bakery.auth);
    const bad = await me.post('/palette', { option: '7' }, '/palette');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/field-error" id="option-error">Choose one of the palettes shown/);
    expect((await me.post('/palette', { option: '1' }, '/palette')).status).toBe(303);
    const [row] = await db.query<{ selected_palette: number }>(
      'select selected_palette from public.generated_websites where user_id = $1',
      [bakery.id],
    );
    expect(row!.selected_palette).toBe(1);
  });

  it('uploads a photo, refuses a hostile file with the reason next to the field, describes and removes', async () => {
    const me = await signedIn(studio, bakery.auth);
    const form = new FormData();
    form.set(
      'file',
      new File([readFileSync(join(fixtures, 'photo-green-meadow.jpg'))], 'meadow.jpg', {
        type: 'image/jpeg',
      }),
    );
    form.set('category', 'photo');
    form.set('_csrf', await me.csrfOf('/media'));
    expect((await me.post('/media', form)).status).toBe(303);
    const [asset] = await db.query<{ id: string }>(
      `select m.id::text as id from public.media_assets m join public.file_buckets f on f.id = m.file_bucket_id
        where m.user_id = $1 and f.original_filename = 'meadow.jpg'`,
      [bakery.id],
    );
    expect(asset).toBeDefined();
    const hostile = new FormData();
    hostile.set('file', new File(['<script>alert(1)</script>'], 'evil.jpg', { type: 'image/jpeg' }));
    hostile.set('_csrf', await me.csrfOf('/media'));
    const refused = await me.post('/media', hostile);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/<p class="field-error" id="f-file-error">[^<]+/);
    const empty = await me.post(`/media/${asset!.id}/describe`, { description: '   ' }, '/media');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/field-error" id="f-d-[^"]+-error">Say what the image shows/);
    expect(
      (
        await me.post(
          `/media/${asset!.id}/describe`,
          { description: 'A green meadow under a blue sky' },
          '/media',
        )
      ).status,
    ).toBe(303);
    // Categorise: the first product becomes the category's main image; a category not offered is refused.
    expect((await me.post(`/media/${asset!.id}/category`, { category: 'product' }, '/media')).status).toBe(
      303,
    );
    expect(
      await db.query('select asset_category, is_primary from public.media_assets where id = $1', [asset!.id]),
    ).toEqual([{ asset_category: 'product', is_primary: true }]);
    const badCategory = await me.post(`/media/${asset!.id}/category`, { category: 'poster' }, '/media');
    expect(badCategory.status).toBe(422);
    expect(await badCategory.text()).toMatch(/Choose one of the categories/);
    const confirm = await (await me.get(`/media/${asset!.id}/remove`)).text();
    expect(confirm).toMatch(/Remove meadow/);
    expect((await me.post(`/media/${asset!.id}/remove`, {}, '/media')).status).toBe(303);
    expect(await db.query('select 1 from public.media_assets where id = $1', [asset!.id])).toHaveLength(0);
  });

  it('turns auto-publish on and off, and refuses a publish with what to fix, linked', async () => {
    const me = await signedIn(studio, bakery.auth);
    expect((await me.post('/auto-publish', { auto: 'on' }, '/publishing')).status).toBe(303);
    const [on] = await db.query<{ auto_publish: boolean }>(
      'select auto_publish from public.generated_websites where user_id = $1',
      [bakery.id],
    );
    expect(on!.auto_publish).toBe(true);
    expect((await me.post('/auto-publish', { auto: 'sideways' }, '/publishing')).status).toBe(303);
    expect(await (await me.get('/publishing')).text()).toMatch(/Choose on or off/);
    expect((await me.post('/auto-publish', { auto: 'off' }, '/publishing')).status).toBe(303);
    const refused = await me.post('/publish', {}, '/publishing');
    expect(refused.status).toBe(303);
    const page = await (await me.get('/publishing')).text();
    expect(page).toMatch(/Not published: \d+ things? to fix first/);
    expect(page).toMatch(/<a href="\/studio\/sections">[^<]*approv/i);
    expect(
      await db.query('select 1 from public.website_deployments where user_id = $1', [bakery.id]),
    ).toHaveLength(0);
  });
});

describe('an AI draft description', () => {
  it('is shown for confirmation, and becomes the description only when confirmed', async () => {
    const me = await signedIn(studio, bakery.auth);
    const form = new FormData();
    form.set(
      'file',
      new File([readFileSync(join(fixtures, 'photo-grey-moon.jpg'))], 'moon.jpg', { type: 'image/jpeg' }),
    );
    form.set('category', 'photo');
    form.set('_csrf', await me.csrfOf('/media'));
    expect((await me.post('/media', form)).status).toBe(303);
    const [row] = await db.query<{ id: string; file_bucket_id: string; content_hash: string }>(
      `select m.id::text as id, m.file_bucket_id::text as file_bucket_id, m.content_hash from public.media_assets m
         join public.file_buckets f on f.id = m.file_bucket_id where m.user_id = $1 and f.original_filename = 'moon.jpg'`,
      [bakery.id],
    );
    await asService(db, (tx) =>
      storeDraft(tx, row!, { text: 'A grey full moon in a dark sky', model: 'vision-test' }),
    );
    const page = await (await me.get('/media')).text();
    expect(page).toMatch(
      /Suggested description \(written by AI, not used until you confirm it\): “A grey full moon in a dark sky”/,
    );
    const [before] = await db.query<{ description: string | null }>(
      'select description from public.media_assets where id = $1',
      [row!.id],
    );
    expect(before!.description).toBeNull();
    expect((await me.post(`/media/${row!.id}/confirm`, {}, '/media')).status).toBe(303);
    const [after] = await db.query<{ description: string | null }>(
      'select description from public.media_assets where id = $1',
      [row!.id],
    );
    expect(after!.description).toBe('A grey full moon in a dark sky');
  });
});

describe("another founder's ids", () => {
  it('are not found, and nothing of the owner changes', async () => {
    const other = await signedIn(studio, yoga.auth);
    const before = await sections(bakery.id);
    const target = before.find((s) => s.status !== 'approved')!;
    expect((await other.get(`/sections/${target.id}`)).status).toBe(404);
    for (const action of ['approve', 'reject', 'regenerate']) {
      const res = await other.post(`/sections/${target.id}/${action}`, {}, '/site');
      expect(res.status, action).toBe(404);
    }
    expect(
      (await other.post(`/sections/${target.id}/edit`, { 'f.headline': 'Mine now' }, '/site')).status,
    ).toBe(404);
    expect((await other.post(`/sections/${target.id}/restore`, { revision: '1' }, '/site')).status).toBe(404);
    expect(await sections(bakery.id)).toEqual(before);
    const form = new FormData();
    const me = await signedIn(studio, bakery.auth);
    form.set(
      'file',
      new File([readFileSync(join(fixtures, 'photo-yellow-flower.jpg'))], 'flower.jpg', {
        type: 'image/jpeg',
      }),
    );
    form.set('_csrf', await me.csrfOf('/media'));
    expect((await me.post('/media', form)).status).toBe(303);
    const [asset] = await db.query<{ id: string }>(
      `select m.id::text as id from public.media_assets m join public.file_buckets f on f.id = m.file_bucket_id
        where m.user_id = $1 and f.original_filename = 'flower.jpg'`,
      [bakery.id],
    );
    expect((await other.post(`/media/${asset!.id}/describe`, { description: 'Taken' }, '/site')).status).toBe(
      404,
    );
    expect((await other.post(`/media/${asset!.id}/remove`, {}, '/site')).status).toBe(404);
    expect((await other.post(`/media/${asset!.id}/category`, { category: 'logo' }, '/site')).status).toBe(
      404,
    );
    expect((await other.get(`/media/${asset!.id}/remove`)).status).toBe(404);
    expect((await other.get(`/media/${asset!.id}/image`)).status).toBe(404);
    const thumb = await me.get(`/media/${asset!.id}/image`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(500);
    expect(
      await db.query('select asset_category from public.media_assets where id = $1', [asset!.id]),
    ).toEqual([{ asset_category: 'photo' }]);
    expect((await other.get('/preview/')).status).toBe(404);
  });
});
