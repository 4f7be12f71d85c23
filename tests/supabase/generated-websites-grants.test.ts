// Column grants on generated_websites (migration 20261205000100): a founder, under RLS on their own
// row, may change their own choices (palette, visibility, auto-publish) and nothing the generator or
// the deploy path records; the service role still writes everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../generator/db/database.ts';
import { asFounder, asService } from '../../generator/db/roles.ts';
import { openTestDatabase } from '../helpers/database.ts';

const BAKERY = 'd7ea0000-0000-4000-8000-000000000001';
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';
const DOG = 'd7ea0000-0000-4000-8000-000000000008';
let db: Database;
let site: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const [row] = await asService(db, (tx) =>
    tx.query<{ id: string }>(
      `insert into public.generated_websites (user_id, site_slug, palette_options) values ($1, 'bakery', '[{},{},{}]')
       returning id`,
      [BAKERY],
    ),
  );
  site = row!.id;
});
afterAll(async () => {
  await db?.close();
});

const founderUpdate = (set: string) =>
  asFounder(db, BAKERY_AUTH, (tx) =>
    tx.query(`update public.generated_websites set ${set} where id = $1 returning id`, [site]),
  );

describe('generated_websites column grants', () => {
  it.each([
    'selected_palette = 2',
    'is_public = true',
    'auto_publish = true',
    "auto_publish_target = 'local'",
  ])('lets the founder set %s on their own site', async (set) => {
    expect(await founderUpdate(set)).toHaveLength(1);
  });

  it.each([
    "deployment_url = 'https://evil.example/'",
    "deployment_status = 'live'",
    "build_dir = '/etc'",
    "published_by = 'someone'",
    `lighthouse_scores = '{"performance":100}'`,
    "custom_domain = 'evil.example'",
    "preview_url = 'https://evil.example/'",
    `user_id = '${DOG}'`,
    "site_slug = 'dog-groomer-2'",
  ])('refuses the founder %s (permission denied), changing nothing', async (set) => {
    await expect(founderUpdate(set)).rejects.toMatchObject({ code: '42501' });
    const [row] = await db.query<{
      deployment_url: string | null;
      custom_domain: string | null;
      user_id: string;
    }>('select deployment_url, custom_domain, user_id::text from public.generated_websites where id = $1', [
      site,
    ]);
    expect(row).toEqual({ deployment_url: null, custom_domain: null, user_id: BAKERY });
  });

  it('the service role still writes what the pipeline and publishing record', async () => {
    const rows = await asService(db, (tx) =>
      tx.query(
        `update public.generated_websites set deployment_url = 'https://bakery.example/', custom_domain = 'rosa-bakery.com'
          where id = $1 returning id`,
        [site],
      ),
    );
    expect(rows).toHaveLength(1);
  });
});
