import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../../../generator/catalog/registry.ts';
import { syncTemplates } from '../../../generator/catalog/sync-templates.ts';
import type { Database } from '../../../generator/db/database.ts';
import { asService } from '../../../generator/db/roles.ts';
import { openTestDatabase } from '../../helpers/database.ts';

/**
 * Syncing the catalogue into `website_templates`: every template is there
 * after a sync, and a sync of an unchanged catalogue writes no row (every build
 * syncs), while a changed definition is written and reported.
 */
let db: Database;
let catalog: Catalog;

/** Each template row's current tuple version: a write gives the row a new `xmin`. */
const versions = async () =>
  new Map(
    (
      await db.query<{ id: string; v: string }>('select id, xmin::text as v from public.website_templates')
    ).map((r) => [r.id, r.v]),
  );

beforeAll(async () => {
  db = await openTestDatabase({ seed: false });
  catalog = await loadCatalog();
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe('syncTemplates', () => {
  it('inserts every template of the catalogue, then leaves unchanged rows alone', async () => {
    const first = await asService(db, (tx) => syncTemplates(tx, catalog));
    expect(first.map((t) => t.id).sort()).toEqual([...catalog.templates.keys()].sort());
    expect(first.every((t) => t.changed)).toBe(true);
    const before = await versions();
    expect(before.size).toBe(catalog.templates.size);

    const again = await asService(db, (tx) => syncTemplates(tx, catalog));
    expect(again.some((t) => t.changed)).toBe(false);
    expect(await versions()).toEqual(before);
  });

  it('writes a template whose definition changed, and only that one', async () => {
    const [id, template] = [...catalog.templates][0]!;
    const edited: Catalog = {
      ...catalog,
      templates: new Map(catalog.templates).set(id, { ...template, description: `${template.description}!` }),
    };
    const before = await versions();
    const synced = await asService(db, (tx) => syncTemplates(tx, edited));
    expect(synced.filter((t) => t.changed).map((t) => t.id)).toEqual([id]);
    const after = await versions();
    expect(after.get(id)).not.toBe(before.get(id));
    for (const other of catalog.templates.keys())
      if (other !== id) expect(after.get(other)).toBe(before.get(other));
    const [row] = await db.query<{ description: string }>(
      'select description from public.website_templates where id = $1',
      [id],
    );
    expect(row!.description).toBe(`${template.description}!`);
  });

  it('writes a change to a jsonb column alone, and reactivates a deactivated template', async () => {
    await asService(db, (tx) => syncTemplates(tx, catalog));
    const [first, second] = [...catalog.templates.keys()];
    const template = catalog.templates.get(first!)!;
    const suits = { ...template.suits, categories: [...(template.suits.categories ?? []), 'zz-test'] };
    await db.query('update public.website_templates set is_active = false where id = $1', [second]);
    const edited: Catalog = {
      ...catalog,
      templates: new Map(catalog.templates).set(first!, { ...template, suits }),
    };
    const synced = await asService(db, (tx) => syncTemplates(tx, edited));
    expect(
      synced
        .filter((t) => t.changed)
        .map((t) => t.id)
        .sort(),
    ).toEqual([first, second].sort());
    const rows = await db.query<{
      id: string;
      matching_rules: { categories?: string[] };
      is_active: boolean;
    }>('select id, matching_rules, is_active from public.website_templates where id = any($1)', [
      [first, second],
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first!)!.matching_rules.categories).toContain('zz-test');
    expect(byId.get(second!)!.is_active).toBe(true);
  });
});
