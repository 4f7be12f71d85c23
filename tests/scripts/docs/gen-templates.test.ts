import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { templatesReadme, templatesReadmePath } from '../../../scripts/docs/gen-templates.ts';

it('the template table in templates/README.md matches the templates (run `npm run docs:templates` after changing one)', async () => {
  const current = readFileSync(templatesReadmePath, 'utf8');
  expect(current).toBe(await templatesReadme(current));
});

it('lists every template with its theme, chrome, pages and their required sections', async () => {
  const catalog = await loadCatalog();
  const readme = readFileSync(templatesReadmePath, 'utf8');
  for (const t of catalog.templates.values()) {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${t.id}\``));
    expect(row, t.id).toBeDefined();
    expect(row).toContain(` ${t.theme} `);
    expect(row).toContain(`${t.chrome.header} / ${t.chrome.footer}`);
    for (const page of t.pages) {
      expect(row).toContain(`${page.label}: `);
      for (const ref of page.sections) {
        const variant = ref.variant ?? catalog.sections.get(ref.type)!.variants[0];
        expect(row).toContain(ref.required ? `**${ref.type} ${variant}**` : `${ref.type} ${variant}`);
      }
    }
  }
});

it('leaves the hand-written text around the table as it is', async () => {
  const edited = 'Intro.\n<!-- templates:start -->\nold table\n<!-- templates:end -->\nAfter.\n';
  const out = await templatesReadme(edited);
  expect(out.startsWith('Intro.\n<!-- templates:start -->\n<!-- Generated')).toBe(true);
  expect(out.endsWith('\n<!-- templates:end -->\nAfter.\n')).toBe(true);
  expect(out).not.toContain('old table');
  await expect(templatesReadme('no markers')).rejects.toThrow('templates:start');
});
