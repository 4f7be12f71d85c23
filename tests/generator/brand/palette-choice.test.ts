import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asFounder } from '../../../generator/db/roles.ts';
import { generateSiteDetailed } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/**
 * The palette options are stored on the founder's site, the founder's pick is
 * honoured by the next build, and swatches computed during a build are stored
 * on the media rows they came from.
 */
const home = mkdtempSync(join(tmpdir(), 'dreamseed-palette-choice-'));
const BAKERY_AUTH = 'a7e00000-0000-4000-8000-000000000001';
let db: Database;

beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const build = (palette?: number) =>
  generateSiteDetailed({
    source: { kind: 'founder', idOrSlug: 'bakery' },
    db,
    outDir: join(home, 'bakery'),
    palette,
  });

async function site() {
  const [row] = await db.query<{
    palette_options: { index: number; id: string; roles: Record<string, string> }[];
    selected_palette: number;
  }>("select palette_options, selected_palette from public.generated_websites where site_slug = 'bakery'");
  return row!;
}

describe('palette options on the site', () => {
  it('records three options and the pick in use, and the swatches on the media rows', async () => {
    const { summary, brand } = await build();
    expect(summary.palette.source).toMatchObject({ kind: 'asset', category: 'logo' });
    const row = await site();
    expect(row.palette_options.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(row.palette_options[0]!.roles).toEqual(summary.palette.roles);
    expect(row.selected_palette).toBe(0);
    expect(brand.mediaSwatches.length).toBe(2);
    const media = await db.query<{
      content_hash: string;
      palette_source_hash: string;
      dominant_color: string;
      color_palette: { swatches: unknown[] };
    }>(
      "select m.* from public.media_assets m join public.users u on u.id = m.user_id where u.slug = 'bakery'",
    );
    for (const m of media) {
      expect(m.palette_source_hash).toBe(m.content_hash);
      expect(m.dominant_color).toMatch(/^#[0-9a-f]{6}$/);
      expect(m.color_palette.swatches.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("builds with the founder's pick from then on, using the stored swatches", async () => {
    await asFounder(db, BAKERY_AUTH, (tx) =>
      tx.query("update public.generated_websites set selected_palette = 2 where site_slug = 'bakery'"),
    );
    const { summary, spec, brand } = await build();
    const row = await site();
    expect(summary.palette.selected).toBe(2);
    expect(summary.palette.roles).toEqual(row.palette_options[2]!.roles);
    expect(spec.theme.colors.primary).toBe(row.palette_options[2]!.roles.primary);
    expect(row.selected_palette).toBe(2);
    expect(brand.mediaSwatches).toEqual([]);
  });

  it('an explicit pick replaces the stored one; a pick that does not exist is refused', async () => {
    const { summary } = await build(1);
    expect(summary.palette.selected).toBe(1);
    expect((await site()).selected_palette).toBe(1);
    await expect(build(3)).rejects.toMatchObject({ code: 'USAGE' });
  });
});
