import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CatalogRoots, defaultRoots, inspectCatalog } from '../catalog/registry.ts';
import { errors } from '../errors.ts';
import { displayFile } from './lint-finding.ts';
import { sectionFiles, templateFile } from './scaffold-files.ts';

/**
 * `dreamseed templates new ID [--from ID]` and `dreamseed sections new TYPE`:
 * a new template or section that is valid and renders from the first minute
 * (the contract suites and `templates lint` pass it unchanged). A taken or
 * badly formed name is refused before anything is written.
 */
export interface Scaffolded {
  kind: 'template' | 'section';
  name: string;
  /** Written files, relative to the catalogue root. */
  files: string[];
  /** What to run next. */
  next: string[];
}

export const TEMPLATE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const SECTION_TYPE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const MAX_NAME = 40;

function checkName(kind: 'template' | 'section', name: string, root: string): void {
  const [pattern, shape, example] =
    kind === 'template'
      ? [TEMPLATE_ID, 'kebab-case', 'garden-centre']
      : [SECTION_TYPE, 'snake_case', 'opening_hours'];
  if (!pattern.test(name))
    throw errors.catalogueName(kind, name, `use ${shape}, starting with a letter (e.g. ${example})`);
  if (name.length > MAX_NAME) throw errors.catalogueName(kind, name, `use at most ${MAX_NAME} characters`);
  if (existsSync(join(root, name)))
    throw errors.catalogueName(kind, name, `${join(root, name)} already exists`);
}

export async function newTemplate(
  id: string,
  options: { from?: string | undefined; roots?: CatalogRoots | undefined } = {},
): Promise<Scaffolded> {
  const roots = options.roots ?? defaultRoots;
  checkName('template', id, roots.templates);
  const folder = join(roots.templates, id);
  const rel = (path: string) => displayFile(dirname(roots.templates), path);
  const written: string[] = [];
  if (options.from) {
    const source = join(roots.templates, options.from);
    if (!existsSync(join(source, 'template.json')))
      throw errors.notFound(
        'template',
        options.from,
        'Name a folder under templates/ (`dreamseed templates list`).',
      );
    cpSync(source, folder, { recursive: true });
    const file = join(folder, 'template.json');
    const copied = JSON.parse(readFileSync(file, 'utf8')) as { id?: string; name?: string };
    // The copy keeps the original's key order, with its own id and name.
    writeFileSync(file, `${JSON.stringify({ ...copied, id, name: copyName(copied.name ?? id) }, null, 2)}\n`);
    for (const f of walk(folder)) written.push(rel(f));
  } else {
    const { catalog } = await inspectCatalog(roots);
    const file = join(folder, 'template.json');
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, templateFile(id, catalog));
    written.push(rel(file));
  }
  return {
    kind: 'template',
    name: id,
    files: written,
    next: [
      `dreamseed templates lint ${id}`,
      `dreamseed generate --demo bakery --template ${id} && dreamseed preview`,
      'npm run docs:templates',
    ],
  };
}

export async function newSection(
  type: string,
  options: { roots?: CatalogRoots | undefined } = {},
): Promise<Scaffolded> {
  const roots = options.roots ?? defaultRoots;
  checkName('section', type, roots.sections);
  const folder = join(roots.sections, type);
  mkdirSync(folder, { recursive: true });
  const files = sectionFiles(type);
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(folder, name), text);
    written.push(displayFile(dirname(roots.sections), join(folder, name)));
  }
  return {
    kind: 'section',
    name: type,
    files: written,
    next: [
      `dreamseed templates lint   (renders ${type} on the first template's home page until a template places it)`,
      `add { "type": "${type}" } to a page of a template (templates/<id>/template.json), then dreamseed templates lint <id>`,
      `npx vitest run tests/sections/contract.test.ts`,
    ],
  };
}

function copyName(name: string): string {
  const copy = `${name} (copy)`;
  return copy.length <= 60 ? copy : name;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
