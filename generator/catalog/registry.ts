import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { errors } from '../errors.ts';
import { repoRoot } from '../paths.ts';
import type { SectionDefinition } from './define-section.ts';
import type { TemplateDefinition } from './define-template.ts';
import type { ThemeDefinition } from './define-theme.ts';
import { templateDefinitionSchema, themeDefinitionSchema } from './definition-schemas.ts';
import { checkPattern } from './patterns.ts';

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

/**
 * The catalogue read again from its files, past the cache and Node's module cache: a definition file
 * changed since it was last imported is imported under a new URL (its modification time), the others
 * are reused. What `templates dev` renders after a designer's edit. Each version of a file stays in
 * memory, so it is for a development session, not a server.
 */
export function loadCatalogFresh(roots: CatalogRoots = defaultRoots): Promise<Catalog> {
  return load(roots, true);
}

async function load(roots: CatalogRoots, fresh?: boolean): Promise<Catalog> {
  const problems: string[] = [];
  const sections = new Map<string, SectionDefinition>();
  for (const dir of folders(roots.sections)) {
    const def = await importDefault<SectionDefinition>(
      join(roots.sections, dir, 'section.ts'),
      `section ${dir}`,
      fresh,
    );
    problems.push(...validateSection(def, dir, join(roots.sections, dir)).map((p) => `section ${dir}: ${p}`));
    sections.set(def.type, def);
  }
  const themes = new Map<string, ThemeDefinition>();
  for (const [, theme] of await definitions(roots.themes, 'theme', themeDefinitionSchema, problems, fresh))
    themes.set(theme.id, theme);
  const templates = new Map<string, TemplateDefinition & { versionHash: string }>();
  for (const [dir, t] of await definitions(
    roots.templates,
    'template',
    templateDefinitionSchema,
    problems,
    fresh,
  )) {
    problems.push(...validateTemplate(t, sections, themes).map((p) => `template ${dir}: ${p}`));
    templates.set(t.id, { ...t, versionHash: hashFolder(join(roots.templates, dir)) });
  }
  if (problems.length) {
    throw errors.invalidInput(
      'The template catalogue',
      problems,
      'Fix the named template, section or theme files.',
    );
  }
  return { sections, templates, themes };
}

/**
 * The definition in each folder under `root` (`<kind>.ts`), checked with its
 * schema and named after its folder. A folder whose definition does not pass
 * adds its problems and is left out.
 */
async function definitions<T extends { id: string }>(
  root: string,
  kind: 'template' | 'theme',
  schema: z.ZodType<T>,
  problems: string[],
  fresh?: boolean,
): Promise<[string, T][]> {
  const out: [string, T][] = [];
  for (const dir of folders(root)) {
    const raw = await importDefault<unknown>(join(root, dir, `${kind}.ts`), `${kind} ${dir}`, fresh);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issues(parsed.error).map((p) => `${kind} ${dir}: ${p}`));
      continue;
    }
    if (parsed.data.id !== dir)
      problems.push(`${kind} ${dir}: id "${parsed.data.id}" must equal its folder name`);
    out.push([dir, parsed.data]);
  }
  return out;
}

function validateSection(def: SectionDefinition, dir: string, folder: string): string[] {
  const p: string[] = [];
  if (!def || typeof def !== 'object') return ['section.ts must `export default defineSection({...})`'];
  if (def.type !== dir) p.push(`type "${def.type}" must equal its folder name`);
  if (!(def.schema instanceof z.ZodType)) p.push('schema: must be a zod schema');
  if (typeof def.compose !== 'function') p.push('compose: must be a function');
  for (const r of def.requires ?? []) if (!def.reads.includes(r)) p.push(`requires: "${r}" is not in reads`);
  for (const f of def.states ?? []) if (!def.reads.includes(f)) p.push(`states: "${f}" is not in reads`);
  if (!def.variants?.length) p.push('variants: name at least one (the first is the default)');
  if (def.placement === 'main' && !Object.keys(def.patterns ?? {}).length)
    p.push('patterns: a main section needs copy patterns for the offline writer');
  for (const w of def.wants ?? []) if (!def.reads.includes(w)) p.push(`wants: "${w}" is not in reads`);
  for (const v of def.variants ?? []) {
    if (!existsSync(join(folder, `${v}.astro`)))
      p.push(`variants: "${v}" has no component ${dir}/${v}.astro`);
  }
  for (const [key, list] of Object.entries(def.patterns ?? {})) {
    list.forEach((pattern, i) => {
      const problem = checkPattern(pattern);
      if (problem) p.push(`patterns.${key}.${i}: ${problem}`);
    });
  }
  return p;
}

function validateTemplate(
  t: TemplateDefinition,
  sections: Map<string, SectionDefinition>,
  themes: Map<string, ThemeDefinition>,
): string[] {
  const p: string[] = [];
  if (!themes.has(t.theme))
    p.push(`theme: unknown theme "${t.theme}" (known: ${[...themes.keys()].join(', ')})`);
  const chrome = [
    ['chrome.header', 'header', t.chrome.header],
    ['chrome.footer', 'footer', t.chrome.footer],
  ] as const;
  for (const [field, type, variant] of chrome) {
    const s = sections.get(type);
    if (!s) p.push(`${field}: section "${type}" does not exist`);
    else if (!s.variants.includes(variant))
      p.push(`${field}: "${type}" has no variant "${variant}" (has ${s.variants.join(', ')})`);
  }
  const slugs = new Set<string>();
  if (t.pages[0]?.slug !== '') p.push('pages.0.slug: the first page must be the home page (slug "")');
  t.pages.forEach((page, pi) => {
    if (slugs.has(page.slug)) p.push(`pages.${pi}.slug: duplicate page "${page.slug}"`);
    slugs.add(page.slug);
    page.sections.forEach((ref, si) => {
      const s = sections.get(ref.type);
      const at = `pages.${pi}.sections.${si}`;
      if (!s) {
        p.push(
          `${at}.type: unknown section "${ref.type}" (known: ${[...sections.keys()].sort().join(', ')})`,
        );
        return;
      }
      if (s.placement !== 'main')
        p.push(`${at}.type: "${ref.type}" is a ${s.placement} section; set it in chrome instead`);
      if (ref.variant && !s.variants.includes(ref.variant)) {
        p.push(`${at}.variant: "${ref.type}" has no variant "${ref.variant}" (has ${s.variants.join(', ')})`);
      }
    });
  });
  return p;
}

function folders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
}

async function importDefault<T>(file: string, what: string, fresh?: boolean): Promise<T> {
  if (!existsSync(file))
    throw errors.invalidInput(
      what,
      [`${file} is missing`],
      'Each folder needs its definition file (section.ts, template.ts or theme.ts).',
    );
  const url = pathToFileURL(file).href;
  const stat = fresh ? statSync(file) : null;
  const mod = (await import(stat ? `${url}?v=${stat.mtimeMs}-${stat.size}` : url)) as { default?: T };
  if (mod.default === undefined)
    throw errors.invalidInput(what, [`${file} has no default export`], 'Export the definition as default.');
  return mod.default;
}

function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(definition)'}: ${i.message}`);
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
