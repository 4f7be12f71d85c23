import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../generator/db/pglite.ts';
import { runCli, tempHome } from '../../helpers/cli.ts';
import { fixturesDir, htmlPage, jpegWithScript } from './hostile-uploads.ts';

/** `dreamseed files` in a subprocess, with its own state folder (embedded database and store). */
const home = tempHome();
const PLUMBER = 'emergency-plumber';

beforeAll(() => {
  const reset = runCli(['db', 'reset'], home);
  expect(reset.code, reset.stderr).toBe(0);
});

describe('dreamseed files', () => {
  let logoId = '';

  it('adds a logo to the embedded store and prints what it did as JSON', () => {
    const r = runCli(
      [
        'files',
        'add',
        '--user',
        PLUMBER,
        '--category',
        'logo',
        join(fixturesDir, 'logo-debian.png'),
        '--json',
      ],
      home,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      storage: string;
      files: { media_asset_id: string; storage_path: string; is_primary: boolean; alt: { status: string } }[];
    };
    expect(out.storage).toBe('local');
    const [file] = out.files;
    logoId = file!.media_asset_id;
    expect(existsSync(join(home, 'storage', 'founder-media', file!.storage_path))).toBe(true);
    expect(file!.is_primary).toBe(true);
    expect(file!.alt.status).toBe('needs_input');
  });

  it('refuses unsafe files with exit 2, naming each file and why, and stores nothing', () => {
    const page = join(home, 'photo.png');
    const polyglot = join(home, 'flower.jpg');
    writeFileSync(page, htmlPage);
    writeFileSync(polyglot, jpegWithScript());
    const r = runCli(
      ['files', 'add', '--user', PLUMBER, join(fixturesDir, 'photo-grey-moon.jpg'), page, polyglot],
      home,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: 2 of 3 files were refused, so nothing was stored:/);
    expect(r.stderr).toMatch(/photo\.png: it is not an image: its content is HTML/);
    expect(r.stderr).toMatch(/flower\.jpg: it carries HTML or script markup/);
    expect(r.stderr).toMatch(/hint: /);
  });

  it('describes an image (alt text) and removes it with its stored file', () => {
    const d = runCli(['files', 'describe', logoId, 'Image of a crimson swirl', '--json'], home);
    expect(d.code, d.stderr).toBe(0);
    expect(JSON.parse(d.stdout).description).toBe('A crimson swirl');
    // Only the logo: nothing of the refused batch was recorded.
    const list = JSON.parse(runCli(['files', 'list', '--user', PLUMBER, '--json'], home).stdout) as {
      alt: string;
      storage_path: string;
    }[];
    expect(list).toHaveLength(1);
    const [item] = list;
    expect(item!.alt).toBe('described');
    // Named with the wrong founder, nothing happens to it.
    const wrong = runCli(['files', 'remove', logoId, '--user', 'bakery'], home);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not one of bakery's files/);
    const rm = runCli(['files', 'remove', logoId, '--user', PLUMBER, '--json'], home);
    expect(rm.code, rm.stderr).toBe(0);
    expect(JSON.parse(rm.stdout)).toMatchObject({ orphaned: true, object_removed: true });
    expect(existsSync(join(home, 'storage', 'founder-media', item!.storage_path))).toBe(false);
  });

  it('without --category, suggests logo or photo for each file and says why', () => {
    const r = runCli(
      [
        'files',
        'add',
        '--user',
        PLUMBER,
        join(fixturesDir, 'logo-gimp.png'),
        join(fixturesDir, 'photo-green-meadow.jpg'),
      ],
      home,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/added logo-gimp\.png → logo \(primary\)/);
    expect(r.stderr).toMatch(
      / {2}logo, suggested: transparent background \(\d+% of pixels clear\), small \(256×256 px\), square \(--category to choose another\)/,
    );
    expect(r.stderr).toMatch(/added photo-green-meadow\.jpg → photo \(primary\)/);
    expect(r.stderr).toMatch(
      / {2}photo, suggested: many colours \(\d+\), no transparent background, large \(1280×1024 px\)/,
    );
    // A photo without a description is used as decoration until described; a logo needs none.
    expect(r.stderr).toMatch(/needs input:.* shown only as decoration/);
    expect(r.stderr.match(/needs input:/g)).toHaveLength(1);
    const json = runCli(
      ['files', 'add', '--user', PLUMBER, join(fixturesDir, 'logo-vlc.png'), '--json'],
      home,
    );
    const [file] = (
      JSON.parse(json.stdout) as { files: { category: string; category_choice: Record<string, unknown> }[] }
    ).files;
    expect(file!.category).toBe('logo');
    expect(file!.category_choice).toMatchObject({
      by: 'suggested',
      category: 'logo',
      measured: { width: 256, height: 256 },
    });
  });

  it('describe shows an AI draft as a draft, and --confirm makes it the description', async () => {
    const list = JSON.parse(runCli(['files', 'list', '--user', PLUMBER, '--json'], home).stdout) as {
      id: string;
      original_filename: string;
    }[];
    const photo = list.find((i) => i.original_filename === 'photo-green-meadow.jpg')!;
    // A draft as the OpenAI writer stores it (drafting itself is tested with the loopback model).
    const db = await openPglite({ dataDir: join(home, 'db') });
    try {
      await db.query(
        `update public.file_buckets f set ai_description = 'Dense green grass blades, softly out of focus',
                metadata = f.metadata || '{"ai_description": {"model": "gpt-4.1-mini", "confirmed_at": null}}'
           from public.media_assets m where m.id = $1 and f.id = m.file_bucket_id`,
        [photo.id],
      );
    } finally {
      await db.close();
    }
    const shown = runCli(['files', 'describe', photo.id, '--user', PLUMBER], home);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toMatch(/no description yet/);
    expect(shown.stderr).toMatch(
      /AI draft \(gpt-4\.1-mini, not your words until you confirm it\): "Dense green grass blades, softly out of focus"/,
    );
    expect(shown.stderr).toContain(`dreamseed files describe ${photo.id} --confirm`);
    const listed = JSON.parse(runCli(['files', 'list', '--user', PLUMBER, '--json'], home).stdout) as {
      id: string;
      alt: string;
      draft: string | null;
    }[];
    expect(listed.find((i) => i.id === photo.id)).toMatchObject({
      alt: 'needs_input',
      draft: 'Dense green grass blades, softly out of focus',
    });

    const both = runCli(['files', 'describe', photo.id, 'Grass', '--confirm'], home);
    expect(both.code).toBe(2);
    const confirmed = runCli(['files', 'describe', photo.id, '--confirm', '--json'], home);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({
      id: photo.id,
      description: 'Dense green grass blades, softly out of focus',
      confirmed_draft: true,
    });
    const after = JSON.parse(runCli(['files', 'describe', photo.id, '--json'], home).stdout);
    expect(after).toMatchObject({
      description: 'Dense green grass blades, softly out of focus',
      draft: { confirmed_at: expect.any(String) },
    });
    // No draft to confirm: a usage error that says what to do.
    const logo = list.find((i) => i.original_filename === 'logo-gimp.png')!;
    const none = runCli(['files', 'describe', logo.id, '--confirm'], home);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/has no drafted description to confirm/);
  });

  it('categorise moves a photo to another category, keeps one main image per category, refuses a bad one', () => {
    const added = runCli(
      [
        'files',
        'add',
        '--user',
        PLUMBER,
        '--category',
        'photo',
        join(fixturesDir, 'photo-green-meadow.jpg'),
        '--json',
      ],
      home,
    );
    expect(added.code, added.stderr).toBe(0);
    const id = (JSON.parse(added.stdout) as { files: { media_asset_id: string }[] }).files[0]!.media_asset_id;
    const moved = runCli(['files', 'categorise', id, 'team', '--user', PLUMBER, '--json'], home);
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ id, from: 'photo', category: 'team', is_primary: true });
    const list = JSON.parse(runCli(['files', 'list', '--user', PLUMBER, '--json'], home).stdout) as {
      id: string;
      category: string;
      is_primary: boolean;
    }[];
    expect(list.find((m) => m.id === id)).toMatchObject({ category: 'team', is_primary: true });
    for (const category of ['logo', 'photo', 'team', 'product', 'document'])
      expect(list.filter((m) => m.category === category && m.is_primary).length).toBeLessThanOrEqual(1);
    const bad = runCli(['files', 'categorise', id, 'poster'], home);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/poster/);
    const stranger = runCli(['files', 'categorise', id, 'photo', '--user', 'bakery'], home);
    expect(stranger.code).toBe(2);
  });

  it('names a half-configured Supabase project', () => {
    const r = runCli(['files', 'add', '--user', PLUMBER, join(fixturesDir, 'photo-grey-moon.jpg')], home, {
      SUPABASE_URL: 'https://abcd.supabase.co',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SUPABASE_SERVICE_ROLE_KEY: is needed too/);
  });
});
