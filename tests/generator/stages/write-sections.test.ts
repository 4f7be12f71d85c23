import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { removeMediaRows } from '../../../generator/files/manage-files.ts';
import { generateSite, generateSiteDetailed } from '../../../generator/pipeline.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/** Copy the founder approved keeps its words when an image it showed is removed from their files. */
let db: Database;
beforeAll(async () => {
  process.env.DREAMSEED_HOME = mkdtempSync(join(tmpdir(), 'ds-write-sections-'));
  db = await openTestDatabase();
});
afterAll(() => db?.close());

it('shows approved copy without a removed image, says so, and builds', { timeout: 120_000 }, async () => {
  const source = { kind: 'founder' as const, idOrSlug: 'family-law' };
  const first = await generateSiteDetailed({ source, db });
  const hero = first.spec.pages[0]!.sections.find((s) => s.key === 'hero')!;
  const asset = (hero.content as { image?: { asset: string } }).image?.asset;
  expect(asset, 'the family-law hero shows a photo').toBeTruthy();
  await db.query(
    `update public.website_sections set status = 'approved', approved_at = now(), approved_by = 'test'
      where website_id = $1 and is_current and section_key = 'hero'`,
    [first.summary.recorded!.website_id],
  );

  const removed = await asService(db, (tx) => removeMediaRows(tx, asset!));
  expect(removed.shown_by).toEqual([{ page: '', key: 'hero', status: 'approved', edited_by_founder: false }]);

  const again = await generateSiteDetailed({ source, db });
  const kept = again.spec.pages[0]!.sections.find((s) => s.key === 'hero')!;
  expect(kept.content).toEqual(
    Object.fromEntries(Object.entries(hero.content as object).filter(([k]) => k !== 'image')),
  );
  expect(again.summary.warnings.join('\n')).toMatch(
    /hero: an image its approved copy showed is no longer among the founder's files; it is shown without it/,
  );
  // Still the founder's approved revision, kept although a fact it read changed.
  expect(again.summary.sections.find((s) => s.key === 'hero')).toMatchObject({
    status: 'approved',
    origin: 'reused',
    stale: true,
  });
  // And it stays buildable on every later run.
  await expect(generateSite({ source, db })).resolves.toMatchObject({ pages: expect.arrayContaining(['/']) });
});
