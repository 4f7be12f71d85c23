import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { storeDraft } from '../../../generator/files/description-drafts.ts';
import { scratchFolders } from '../../helpers/scratch.ts';
import { currentSections, fixtures, uploadPhoto, useBakeryStudio } from './bakery-studio.ts';
import { type ServedStudio, signedIn } from './studio-server.ts';

/**
 * The studio's forms through real HTTP: POST-redirect-GET, validation errors
 * next to their field, CSRF refused, facts, sections, palette, media, publishing,
 * and an AI draft description confirmed by the founder.
 */
const home = scratchFolders()('dreamseed-studio-');
let db: Database;
let studio: ServedStudio;
let bakery: { id: string; auth: string };
const sections = (userId: string) => currentSections(db, userId);

useBakeryStudio(home, (made) => ({ db, studio, bakery } = made));

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
    const asset = await uploadPhoto(db, me, bakery.id, 'photo-green-meadow.jpg', 'meadow.jpg', 'photo');
    expect(asset).toBeDefined();
    const hostile = new FormData();
    hostile.set('file', new File(['<script>alert(1)</script>'], 'evil.jpg', { type: 'image/jpeg' }));
    hostile.set('_csrf', await me.csrfOf('/media'));
    const refused = await me.post('/media', hostile);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/<p class="field-error" id="f-file-error">[^<]+/);
    const empty = await me.post(`/media/${asset!}/describe`, { description: '   ' }, '/media');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/field-error" id="f-d-[^"]+-error">Say what the image shows/);
    expect(
      (
        await me.post(
          `/media/${asset!}/describe`,
          { description: 'A green meadow under a blue sky' },
          '/media',
        )
      ).status,
    ).toBe(303);
    // Categorise: the first product becomes the category's main image; a category not offered is refused.
    expect((await me.post(`/media/${asset!}/category`, { category: 'product' }, '/media')).status).toBe(303);
    expect(
      await db.query('select asset_category, is_primary from public.media_assets where id = $1', [asset!]),
    ).toEqual([{ asset_category: 'product', is_primary: true }]);
    const badCategory = await me.post(`/media/${asset!}/category`, { category: 'poster' }, '/media');
    expect(badCategory.status).toBe(422);
    expect(await badCategory.text()).toMatch(/Choose one of the categories/);
    const confirm = await (await me.get(`/media/${asset!}/remove`)).text();
    expect(confirm).toMatch(/Remove meadow/);
    expect((await me.post(`/media/${asset!}/remove`, {}, '/media')).status).toBe(303);
    expect(await db.query('select 1 from public.media_assets where id = $1', [asset!])).toHaveLength(0);
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
