import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { fixturesDir } from '../../helpers/fixtures.ts';
import { type ServedStudio, serveStudio, type signedIn } from './studio-server.ts';

/**
 * The studio the studio suites drive: a real PGlite with the bakery's site built (offline copy), served
 * with the whole server over real HTTP (studio-server.ts), and the two founders the suites sign in as.
 */
export interface BakeryStudio {
  db: Database;
  studio: ServedStudio;
  bakery: { id: string; auth: string };
  yoga: { id: string; auth: string };
}

export const fixtures = fixturesDir;

export async function bakeryStudio(home: string): Promise<BakeryStudio> {
  process.env.DREAMSEED_HOME = home;
  const db = await openTestDatabase();
  await generateSite({ source: { kind: 'founder', idOrSlug: 'bakery' }, db, writer: 'offline' });
  const founder = async (slug: string) => {
    const [row] = await db.query<{ id: string; auth: string }>(
      'select id::text as id, auth_user_id::text as auth from public.users where slug = $1',
      [slug],
    );
    return row!;
  };
  return {
    db,
    studio: await serveStudio(db, home),
    bakery: await founder('bakery'),
    yoga: await founder('yoga-studio'),
  };
}

/**
 * Registers a suite's hooks: the studio is made before its tests (handed to `use`, which keeps what the
 * suite needs) and closed after them.
 */
export function useBakeryStudio(home: string, use: (studio: BakeryStudio) => void): void {
  let made: BakeryStudio | undefined;
  beforeAll(async () => {
    made = await bakeryStudio(home);
    use(made);
  }, 180_000);
  afterAll(async () => {
    await made?.studio.close();
    await made?.db.close();
  });
}

/** A founder's current sections, page by page in order. */
export function currentSections(db: Database, userId: string) {
  return db.query<{
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
}

/**
 * Uploads a fixture photo through the studio's media form as `name` (with `category`, if given), expects
 * the redirect that means it was stored, and returns the new media asset's id (undefined: not stored).
 */
export async function uploadPhoto(
  db: Database,
  me: Awaited<ReturnType<typeof signedIn>>,
  userId: string,
  fixture: string,
  name: string,
  category?: string,
): Promise<string | undefined> {
  const form = new FormData();
  form.set('file', new File([readFileSync(join(fixtures, fixture))], name, { type: 'image/jpeg' }));
  if (category) form.set('category', category);
  form.set('_csrf', await me.csrfOf('/media'));
  expect((await me.post('/media', form)).status, `upload of ${name}`).toBe(303);
  const [asset] = await db.query<{ id: string }>(
    `select m.id::text as id from public.media_assets m join public.file_buckets f on f.id = m.file_bucket_id
      where m.user_id = $1 and f.original_filename = $2`,
    [userId, name],
  );
  return asset?.id;
}
