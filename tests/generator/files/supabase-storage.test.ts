import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { addFiles } from '../../../generator/files/add-files.ts';
import { resolveStoredMedia } from '../../../generator/files/resolve-media.ts';
import { supabaseStorage } from '../../../generator/files/storage/supabase.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { fixture, fixturesDir } from './hostile-uploads.ts';
import { FakeStorage, storageError } from './storage/storage-api.ts';

/**
 * The Supabase Storage driver through the real @supabase/supabase-js, against
 * the loopback Storage API (storage/storage-api.ts), beyond the shared contract
 * (storage/contract.test.ts): what it sends, and the errors as Storage sends
 * them, worded with what to do.
 */
const KEY = 'service-role-key-for-tests';
const BUCKET = 'founder-media';
const api = new FakeStorage(KEY);
const { calls, objects, forced } = api;
let url: string;
const cacheDir = mkdtempSync(join(tmpdir(), 'dreamseed-supabase-cache-'));

beforeAll(async () => {
  url = await api.start();
});

afterAll(async () => {
  await api.stop();
});

beforeEach(() => {
  api.reset();
});

const PATH = `d7ea0000-0000-4000-8000-000000000001/${'a'.repeat(64)}.png`;
const driver = () => supabaseStorage({ url, serviceRoleKey: KEY, bucket: BUCKET, cacheDir });

describe('supabaseStorage', () => {
  it('uploads to the bucket and path with the content type, without upsert, with the service key', async () => {
    const bytes = fixture('logo-debian.png');
    expect(await driver().put(PATH, bytes, 'image/png')).toEqual({ created: true });
    const [call] = calls;
    expect(call).toMatchObject({ method: 'POST', url: `/storage/v1/object/${BUCKET}/${PATH}` });
    expect(call!.headers['content-type']).toBe('image/png');
    expect(call!.headers['x-upsert']).toBe('false');
    expect(call!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(call!.body.equals(bytes)).toBe(true);
    expect(objects.get(`${BUCKET}/${PATH}`)?.type).toBe('image/png');
  });

  it('treats "already exists" as stored: the path names its content', async () => {
    expect(await driver().put(PATH, fixture('logo-debian.png'), 'image/png')).toEqual({ created: false });
  });

  it('downloads and removes', async () => {
    expect((await driver().get(PATH)).equals(fixture('logo-debian.png'))).toBe(true);
    expect(calls.at(-1)).toMatchObject({ method: 'GET', url: `/storage/v1/object/${BUCKET}/${PATH}` });
    await driver().remove([PATH]);
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', url: `/storage/v1/object/${BUCKET}` });
    expect(JSON.parse(calls.at(-1)!.body.toString('utf8'))).toEqual({ prefixes: [PATH] });
    expect(objects.has(`${BUCKET}/${PATH}`)).toBe(false);
  });

  it('refuses a download that does not hold the content recorded for it, caching nothing', async () => {
    await driver().put(PATH, fixture('logo-debian.png'), 'image/png');
    await expect(driver().localFile(PATH, 'f'.repeat(64))).rejects.toThrow(
      `supabase://${BUCKET}/${PATH} does not hold the content recorded for it (sha256 differs)`,
    );
    expect(existsSync(join(cacheDir, 'storage', BUCKET, PATH))).toBe(false);
    await driver().remove([PATH]);
  });

  it('surfaces a 413 clearly: what, where, why and what to do', async () => {
    forced.push({
      method: 'POST',
      ...storageError(413, 'Payload too large', 'The object exceeded the maximum allowed size'),
    });
    const error = await driver()
      .put(PATH, fixture('photo-grey-moon.jpg'), 'image/jpeg')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'STORAGE_FAILED',
      kind: 'external',
      data: { status: 413, bucket: BUCKET, path: PATH },
    });
    expect((error as Error).message).toBe(
      `Supabase Storage refused to upload supabase://${BUCKET}/${PATH} (HTTP 413: The object exceeded the maximum allowed size): the file is larger than the bucket's upload limit.`,
    );
    expect((error as { hint: string }).hint).toMatch(/file size limit/);
  });

  it('surfaces a 403 with the key to check', async () => {
    const wrong = supabaseStorage({ url, serviceRoleKey: 'anon-key', bucket: BUCKET, cacheDir });
    const error = await wrong.get(PATH).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORAGE_FAILED', data: { status: 403, action: 'download' } });
    expect((error as { hint: string }).hint).toMatch(/SUPABASE_SERVICE_ROLE_KEY/);
  });

  it('says so when Storage cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const gone = supabaseStorage({
      url: `http://127.0.0.1:${port}`,
      serviceRoleKey: KEY,
      bucket: BUCKET,
      cacheDir,
    });
    await expect(gone.put(PATH, Buffer.from('x'), 'image/png')).rejects.toMatchObject({
      code: 'STORAGE_UNREACHABLE',
    });
  });

  it('never sends a path it did not build', async () => {
    await expect(driver().put('../other-bucket/x.png', Buffer.from('x'), 'image/png')).rejects.toThrow(
      /Not a storage path/,
    );
    expect(calls).toHaveLength(0);
  });
});

describe('addFiles with Supabase Storage', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  it('stores originals in the bucket and the generator reads them back through the cache', async () => {
    const [added] = await addFiles(
      { user: 'yoga-studio', category: 'logo', files: [{ path: join(fixturesDir, 'logo-vlc.png') }] },
      { db, storage: driver(), cacheDir },
    );
    expect(added!.bucket).toBe(BUCKET);
    expect(objects.get(`${BUCKET}/${added!.storage_path}`)?.body.equals(fixture('logo-vlc.png'))).toBe(true);
    const [row] = await db.query<{
      user_id: string;
      storage_path: string;
      content_hash: string;
      file_bucket_name: string;
    }>(
      `select m.user_id, m.storage_path, m.content_hash, f.bucket_name as file_bucket_name
         from public.media_assets m join public.file_buckets f on f.id = m.file_bucket_id where m.id = $1`,
      [added!.media_asset_id],
    );
    const config = {
      cacheDir,
      storage: {
        driver: 'supabase' as const,
        bucket: BUCKET,
        localDir: '',
        supabase: { url, serviceRoleKey: KEY },
      },
    };
    const local = await resolveStoredMedia(row!, config);
    expect(local).toBe(join(cacheDir, 'storage', BUCKET, row!.storage_path));
    const downloads = calls.filter((c) => c.method === 'GET').length;
    expect(await resolveStoredMedia(row!, config)).toBe(local);
    expect(calls.filter((c) => c.method === 'GET').length).toBe(downloads);
    expect(createHash('sha256').update(fixture('logo-vlc.png')).digest('hex')).toBe(row!.content_hash);
    // A row naming another founder's folder resolves to nothing.
    expect(
      await resolveStoredMedia({ ...row!, user_id: 'd7ea0000-0000-4000-8000-000000000002' }, config),
    ).toBeNull();
  });

  it('takes back what it uploaded when a later upload is refused, and records nothing', async () => {
    const [before] = await db.query<{ n: number }>('select count(*)::int as n from public.file_buckets');
    objects.clear();
    api.refuseUpload = 2;
    const error = await addFiles(
      {
        user: 'wedding-photographer',
        category: 'photo',
        files: [
          { name: 'meadow.jpg', bytes: fixture('photo-green-meadow.jpg') },
          { path: join(fixturesDir, 'photo-purple-pink-sea.jpg') },
        ],
      },
      { db, storage: driver(), cacheDir },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORAGE_FAILED', data: { status: 413 } });
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST', 'DELETE']);
    expect(objects.size).toBe(0);
    const [after] = await db.query<{ n: number }>('select count(*)::int as n from public.file_buckets');
    expect(after!.n).toBe(before!.n);
  });
});
