import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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

  it('names a half-configured Supabase project', () => {
    const r = runCli(['files', 'add', '--user', PLUMBER, join(fixturesDir, 'photo-grey-moon.jpg')], home, {
      SUPABASE_URL: 'https://abcd.supabase.co',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SUPABASE_SERVICE_ROLE_KEY: is needed too/);
  });
});
