import type { Command } from 'commander';
import { loadCatalog } from '../catalog/registry.ts';
import { syncTemplates } from '../catalog/sync-templates.ts';
import { openDatabase } from '../db/open.ts';
import { asService } from '../db/roles.ts';
import { info, printJson, printTable } from './output.ts';

export function registerTemplateCommands(program: Command): void {
  const templates = program.command('templates').description('the template catalogue');
  templates
    .command('list')
    .description('templates with their pages, theme and the businesses they suit')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const catalog = await loadCatalog();
      const rows = [...catalog.templates.values()].map((t) => ({
        id: t.id,
        name: t.name,
        theme: t.theme,
        pages: t.pages.map((p) => p.slug || 'home'),
        suits: [...(t.suits.categories ?? []), ...(t.suits.verticals ?? [])],
        version: t.versionHash,
      }));
      if (opts.json) printJson(rows);
      else printTable(rows, ['id', 'name', 'theme', 'pages', 'version']);
    });
  templates
    .command('sync')
    .description('record the templates in website_templates')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const catalog = await loadCatalog();
      const db = await openDatabase();
      try {
        const result = await asService(db, (tx) => syncTemplates(tx, catalog));
        if (opts.json) printJson(result);
        else {
          printTable(result, ['id', 'version_hash', 'changed']);
          info(`${result.length} templates recorded in website_templates.`);
        }
      } finally {
        await db.close();
      }
    });
}
