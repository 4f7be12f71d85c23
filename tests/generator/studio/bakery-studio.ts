import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { type ServedStudio, serveStudio } from './studio-server.ts';

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

export const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'media');

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
