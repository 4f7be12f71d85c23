import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { errors } from '../errors.ts';
import { repoRoot } from '../paths.ts';
import {
  DEFINITION_FILES,
  definitionRules,
  type RuleProblem,
  sectionRules,
  templateRules,
} from './catalog-rules.ts';
import type { SectionDefinition } from './define-section.ts';
import type { TemplateDefinition } from './define-template.ts';
import type { ThemeDefinition } from './define-theme.ts';
import { templateDefinitionSchema, themeDefinitionSchema } from './definition-schemas.ts';

/**
 * The catalogue of sections, templates and themes, loaded from their folders and
 * validated as a whole: a template naming an unknown section, variant or theme;
 * a section without its components, or that requires or states a fact it does
 * not read, or a main section without copy patterns; a copy pattern that does
 * not compile — each fails here, with the template, section and field named.
 */
export interface Catalog {
  sections: Map<string, SectionDefinition>;
  templates: Map<string, TemplateDefinition & { versionHash: string }>;
  themes: Map<string, ThemeDefinition>;
}

/** Where the catalogue's folders are: the repository's by default (a test loads its own). */
export interface CatalogRoots {
  sections: string;
  templates: string;
  themes: string;
}

export const defaultRoots: CatalogRoots = {
  sections: join(repoRoot, 'sections'),
  templates: join(repoRoot, 'templates'),
  themes: join(repoRoot, 'themes'),
};

const cache = new Map<string, Promise<Catalog>>();

export function loadCatalog(roots: CatalogRoots = defaultRoots): Promise<Catalog> {
  const key = JSON.stringify(roots);
  let pending = cache.get(key);
  if (!pending) {
    pending = load(roots);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** A rule the catalogue breaks (catalog-rules.ts), with the definition it is in. */
export interface CatalogProblem extends RuleProblem {
  kind: 'section' | 'template' | 'theme';
  /** The definition's folder name. */
  name: string;
  /** The file the problem is in (absolute). */
  path: string;
}

/** The problem as the registry's error lists it: `section hero: requires: "x" is not in reads`. */
export function problemLine(p: CatalogProblem): string {
  return `${p.kind} ${p.name}: ${p.text}`;
}

/**
 * The catalogue read again from its files, past the cache and Node's module cache: a definition file
 * changed since it was last imported is imported under a new URL (its modification time), the others
 * are reused. What `templates dev` renders after a designer's edit. Each version of a file stays in
 * memory, so it is for a development session, not a server.
 */
export function loadCatalogFresh(roots: CatalogRoots = defaultRoots): Promise<Catalog> {
  return load(roots, true);
}

async function load(roots: CatalogRoots, fresh = false): Promise<Catalog> {
  const { catalog, problems } = await inspectCatalog(roots, { strict: true, fresh });
  if (problems.length) {
    throw errors.invalidInput(
      'The template catalogue',
      problems.map(problemLine),
      'Fix the named template, section or theme files.',
    );
  }
  return catalog;
}

/**
 * The catalogue with every rule it breaks, without refusing it (what `templates
 * lint` reports). Definitions that cannot be used (a template failing its
 * schema) are left out of `catalog`. With `strict`, a definition file that is
 * missing or does not import throws (the registry's behaviour); otherwise it is
 * a problem of its own.
 */
export async function inspectCatalog(
  roots: CatalogRoots = defaultRoots,
  options: { strict?: boolean; fresh?: boolean } = {},
): Promise<{ catalog: Catalog; problems: CatalogProblem[] }> {
  const problems: CatalogProblem[] = [];
  const at = (kind: CatalogProblem['kind'], name: string, folder: string) => (list: RuleProblem[]) =>
    problems.push(...list.map((p) => ({ ...p, kind, name, path: join(folder, p.file) })));
  const sections = new Map<string, SectionDefinition>();
  for (const dir of folders(roots.sections)) {
    const folder = join(roots.sections, dir);
    const def = await importOrProblem<SectionDefinition>(
      join(folder, 'section.ts'),
      `section ${dir}`,
      options,
    );
    if (def instanceof Error) {
      at('section', dir, folder)([{ rule: 'section/definition', text: def.message, file: 'section.ts' }]);
      continue;
    }
    at('section', dir, folder)(sectionRules(def, dir, folder));
    if (def && typeof def === 'object') sections.set(def.type, def);
  }
  const themes = new Map<string, ThemeDefinition>();
  for (const [, theme] of await definitions(roots.themes, 'theme', themeDefinitionSchema, at, options))
    themes.set(theme.id, theme);
  const templates = new Map<string, TemplateDefinition & { versionHash: string }>();
  for (const [dir, t] of await definitions(
    roots.templates,
    'template',
    templateDefinitionSchema,
    at,
    options,
  )) {
    at('template', dir, join(roots.templates, dir))(templateRules(t, sections, themes));
    templates.set(t.id, { ...t, versionHash: hashFolder(join(roots.templates, dir)) });
  }
  return { catalog: { sections, templates, themes }, problems };
}

/**
 * The definition in each folder under `root` (`template.json`, `theme.json`), checked with its
 * schema and named after its folder. A folder whose definition does not pass
 * adds its problems and is left out.
 */
async function definitions<T extends { id: string }>(
  root: string,
  kind: 'template' | 'theme',
  schema: z.ZodType<T>,
  at: (kind: CatalogProblem['kind'], name: string, folder: string) => (list: RuleProblem[]) => void,
  options: { strict?: boolean; fresh?: boolean },
): Promise<[string, T][]> {
  const out: [string, T][] = [];
  for (const dir of folders(root)) {
    const folder = join(root, dir);
    const file = DEFINITION_FILES[kind];
    const raw = await importOrProblem<unknown>(join(folder, file), `${kind} ${dir}`, options);
    if (raw instanceof Error) {
      at(kind, dir, folder)([{ rule: `${kind}/definition`, text: raw.message, file }]);
      continue;
    }
    const parsed = schema.safeParse(raw);
    at(kind, dir, folder)(definitionRules(kind, dir, parsed));
    if (parsed.success) out.push([dir, parsed.data]);
  }
  return out;
}

function folders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
}

async function importDefault<T>(file: string, what: string, fresh = false): Promise<T> {
  if (!existsSync(file))
    throw errors.invalidInput(
      what,
      [`${file} is missing`],
      'Each folder needs its definition file (section.ts, template.json or theme.json).',
    );
  // A data definition (a template's pages, a theme's tokens) is JSON: read, never imported.
  if (file.endsWith('.json')) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const url = pathToFileURL(file).href;
  const stat = fresh ? statSync(file) : null;
  const mod = (await import(stat ? `${url}?v=${stat.mtimeMs}-${stat.size}` : url)) as { default?: T };
  if (mod.default === undefined)
    throw errors.invalidInput(what, [`${file} has no default export`], 'Export the definition as default.');
  return mod.default;
}

/** Like importDefault; unless `strict`, a file that is missing or fails to import is returned as an Error. */
async function importOrProblem<T>(
  file: string,
  what: string,
  options: { strict?: boolean; fresh?: boolean },
): Promise<T | Error> {
  if (options.strict) return importDefault<T>(file, what, options.fresh);
  try {
    return await importDefault<T>(file, what, options.fresh);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return new Error(`${file} does not load: ${message}`);
  }
}

/** Version hash of a template's code: every file in its folder, by path and content. */
function hashFolder(folder: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else hash.update(`${prefix}${entry.name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(folder, '');
  return hash.digest('hex').slice(0, 16);
}
