#!/usr/bin/env node
// Writes the template table of templates/README.md from the catalogue (templates/*/template.json); `--check` only compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TemplateDefinition } from '../../generator/catalog/define-template.ts';
import { type Catalog, loadCatalog } from '../../generator/catalog/registry.ts';
import { repoRoot } from '../../generator/paths.ts';
import { markdownTable } from './markdown-table.ts';

const COMMAND = 'npm run docs:templates';
export const templatesReadmePath = join(repoRoot, 'templates', 'README.md');
const START = '<!-- templates:start -->';
const END = '<!-- templates:end -->';

/** templates/README.md with its template table made from the catalogue (the text between the markers). */
export async function templatesReadme(current: string): Promise<string> {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`templates/README.md needs the markers ${START} and ${END}.`);
  const table = templateTable(await loadCatalog());
  return `${current.slice(0, start + START.length)}\n${table}\n${current.slice(end)}`;
}

/** One row a template: pages with their sections in order (required ones in bold), and what it suits. */
export function templateTable(catalog: Catalog): string {
  const templates = [...catalog.templates.values()].sort((a, b) => a.id.localeCompare(b.id));
  return [
    `<!-- Generated from templates/*/template.json by \`${COMMAND}\`. Do not edit by hand. -->`,
    '',
    markdownTable(
      ['id', 'name', 'theme', 'header / footer', 'pages (required sections in bold)', 'suits'],
      templates.map((t) => [
        `\`${t.id}\``,
        t.name,
        t.theme,
        `${t.chrome.header} / ${t.chrome.footer}`,
        pagesOf(t, catalog),
        suitsOf(t),
      ]),
    ),
  ].join('\n');
}

function pagesOf(t: TemplateDefinition, catalog: Catalog): string {
  return t.pages
    .map((page) => {
      const sections = page.sections.map((ref) => {
        const variant = ref.variant ?? catalog.sections.get(ref.type)?.variants[0];
        const text = `${ref.type} ${variant}`;
        return ref.required ? `**${text}**` : text;
      });
      return `${page.label}: ${sections.join(', ')}`;
    })
    .join(' · ');
}

function suitsOf(t: TemplateDefinition): string {
  const { categories, verticals, archetypes, modelTypes, scores } = t.suits;
  const parts = [
    categories?.length ? `categories: ${categories.join(', ')}` : null,
    verticals?.length ? `verticals: ${verticals.join(', ')}` : null,
    archetypes?.length ? `archetypes: ${archetypes.join(', ')}` : null,
    modelTypes?.length ? `models: ${modelTypes.join(', ')}` : null,
    ...Object.entries(scores ?? {}).map(([name, range]) =>
      range ? `${name} ${range[0]}–${range[1]}` : null,
    ),
  ];
  return parts.filter((p) => p !== null).join('; ');
}

async function main(): Promise<void> {
  const current = readFileSync(templatesReadmePath, 'utf8');
  const text = await templatesReadme(current);
  if (process.argv.includes('--check')) {
    if (current !== text) {
      process.stderr.write(`The template table in templates/README.md is out of date. Run: ${COMMAND}\n`);
      process.exitCode = 1;
    } else process.stdout.write('templates/README.md is up to date.\n');
    return;
  }
  writeFileSync(templatesReadmePath, text);
  process.stderr.write(`wrote ${templatesReadmePath}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
