import { describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { scratchFolders } from '../../helpers/scratch.ts';
import { currentSections, uploadPhoto, useBakeryStudio } from './bakery-studio.ts';
import { type ServedStudio, signedIn } from './studio-server.ts';

/**
 * The studio through real HTTP against a real PGlite with the bakery's site
 * built: every page under a strict CSP, the private preview of the latest build,
 * and another founder's ids refused (not found: Row Level Security hides them).
 */
const home = scratchFolders()('dreamseed-studio-');
let db: Database;
let studio: ServedStudio;
let bakery: { id: string; auth: string };
let yoga: { id: string; auth: string };
const sections = (userId: string) => currentSections(db, userId);

useBakeryStudio(home, (made) => ({ db, studio, bakery, yoga } = made));

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
    const me = await signedIn(studio, bakery.auth);
    const asset = await uploadPhoto(db, me, bakery.id, 'photo-yellow-flower.jpg', 'flower.jpg');
    expect((await other.post(`/media/${asset!}/describe`, { description: 'Taken' }, '/site')).status).toBe(
      404,
    );
    expect((await other.post(`/media/${asset!}/remove`, {}, '/site')).status).toBe(404);
    expect((await other.post(`/media/${asset!}/category`, { category: 'logo' }, '/site')).status).toBe(404);
    expect((await other.get(`/media/${asset!}/remove`)).status).toBe(404);
    expect((await other.get(`/media/${asset!}/image`)).status).toBe(404);
    const thumb = await me.get(`/media/${asset!}/image`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(500);
    expect(await db.query('select asset_category from public.media_assets where id = $1', [asset!])).toEqual([
      { asset_category: 'photo' },
    ]);
    expect((await other.get('/preview/')).status).toBe(404);
  });
});
