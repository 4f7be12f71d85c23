import { loadCatalog } from '../catalog/registry.ts';
import { syncTemplates } from '../catalog/sync-templates.ts';
import { asService } from '../db/roles.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, printTable } from './output.ts';
import { withDb } from './with-db.ts';

/** `dreamseed templates …` (declared in commands/templates.ts). */
export async function list(opts: JsonFlag): Promise<void> {
  const catalog = await loadCatalog();
  const rows = [...catalog.templates.values()].map((t) => ({
    id: t.id,
    name: t.name,
    theme: t.theme,
    pages: t.pages.map((p) => p.slug || 'home'),
    suits: [...(t.suits.categories ?? []), ...(t.suits.verticals ?? [])],
    version: t.versionHash,
  }));
  printResult(opts, rows, () => printTable(rows, ['id', 'name', 'theme', 'pages', 'version']));
}

export async function sync(opts: JsonFlag): Promise<void> {
  const catalog = await loadCatalog();
  const result = await withDb((db) => asService(db, (tx) => syncTemplates(tx, catalog)));
  printResult(opts, result, () => {
    printTable(result, ['id', 'version_hash', 'changed']);
    info(`${result.length} templates recorded in website_templates.`);
  });
}
