import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { factFields } from '../dna/schema.ts';
import type { SectionDefinition } from './define-section.ts';
import type { TemplateDefinition } from './define-template.ts';
import type { ThemeDefinition } from './define-theme.ts';
import { checkPattern } from './patterns.ts';

/**
 * THE rules a catalogue keeps, each with a stable id and a hint: the registry
 * runs them when the catalogue loads (and refuses it on any problem), and
 * `dreamseed templates lint` runs the same functions and reports each problem
 * as a finding with its file and line. There is no second copy of a rule.
 */
export interface RuleProblem {
  /** Stable id, `section/…`, `template/…` or `theme/…`. */
  rule: CatalogRuleId;
  /** The field it concerns and what is wrong, as the registry prints it: `requires: "x" is not in reads`. */
  text: string;
  /** The file of the definition folder it is in (`section.ts`, `split.astro`, `template.json`). */
  file: string;
  /** Text to find in the file, for the line number (the offending value); none: the file's first line. */
  locate?: string | undefined;
}

export const catalogRules = {
  'section/definition': 'Export the definition as default: `export default defineSection({...})`.',
  'section/type-folder': 'Set `type` to the folder name (or rename the folder).',
  'section/requires-not-read': 'Add the input to `reads` (a section may only require what it reads).',
  'section/states-not-read': 'Add the fact to `reads` (a section may only state what it reads).',
  'section/wants-not-read': 'Add the fact to `reads` (a section may only want what it reads).',
  'section/undeclared-field':
    'Add the field to `reads`: writers see only declared inputs, and reading another one throws.',
  'section/no-variant': 'Name at least one variant in `variants` (the first is the default).',
  'section/missing-component':
    'Create the component `<variant>.astro` next to section.ts, or drop the variant.',
  'section/no-patterns': 'Give a main section copy patterns (`patterns: { headline: [...] }`).',
  'section/bad-pattern': 'Fix the Handlebars pattern (no triple-stash, balanced blocks, known helpers).',
  'template/definition':
    'Fix the field in template.json (templates/README.md lists the contract; template.schema.json checks it in an editor).',
  'template/id-folder': 'Set `id` to the folder name (or rename the folder).',
  'template/unknown-theme': 'Use the id of a folder under themes/.',
  'template/unknown-section':
    'Use a section type that has a folder under sections/ (`dreamseed sections new TYPE`).',
  'template/unknown-variant':
    "Use one of the section's variants (its <variant>.astro files listed in `variants`).",
  'template/chrome-in-page': 'Header and footer sections go in `chrome`, not in a page.',
  'template/first-page-not-home': "Make the first page the home page (slug '').",
  'template/duplicate-slug': 'Give each page its own slug.',
  'theme/definition':
    'Fix the field in theme.json (themes/README.md lists the contract; theme.schema.json checks it in an editor).',
  'theme/id-folder': 'Set `id` to the folder name (or rename the folder).',
} as const;

export type CatalogRuleId = keyof typeof catalogRules;

/** The rules of one section definition (`sections/<dir>/section.ts`), read from `folder`. */
export function sectionRules(def: SectionDefinition, dir: string, folder: string): RuleProblem[] {
  const p: RuleProblem[] = [];
  const add = (rule: CatalogRuleId, text: string, locate?: string, file = 'section.ts') =>
    p.push({ rule, text, file, locate });
  if (!def || typeof def !== 'object') {
    add('section/definition', 'section.ts must `export default defineSection({...})`');
    return p;
  }
  if (def.type !== dir) add('section/type-folder', `type "${def.type}" must equal its folder name`, def.type);
  if (!(def.schema instanceof z.ZodType)) add('section/definition', 'schema: must be a zod schema', 'schema');
  if (typeof def.compose !== 'function') add('section/definition', 'compose: must be a function', 'compose');
  const reads = def.reads ?? [];
  for (const r of def.requires ?? [])
    if (!reads.includes(r)) add('section/requires-not-read', `requires: "${r}" is not in reads`, r);
  for (const f of def.states ?? [])
    if (!reads.includes(f)) add('section/states-not-read', `states: "${f}" is not in reads`, f);
  if (!def.variants?.length)
    add('section/no-variant', 'variants: name at least one (the first is the default)');
  if (def.placement === 'main' && !Object.keys(def.patterns ?? {}).length)
    add(
      'section/no-patterns',
      'patterns: a main section needs copy patterns for the offline writer',
      'patterns',
    );
  for (const w of def.wants ?? [])
    if (!reads.includes(w)) add('section/wants-not-read', `wants: "${w}" is not in reads`, w);
  for (const v of def.variants ?? []) {
    if (!existsSync(join(folder, `${v}.astro`)))
      add('section/missing-component', `variants: "${v}" has no component ${dir}/${v}.astro`, v);
  }
  for (const [key, list] of Object.entries(def.patterns ?? {})) {
    list.forEach((pattern, i) => {
      const problem = checkPattern(pattern);
      if (problem) add('section/bad-pattern', `patterns.${key}.${i}: ${problem}`, pattern);
    });
  }
  for (const u of undeclaredFields(def, join(folder, 'section.ts')))
    add('section/undeclared-field', `${u.where}: reads "${u.field}", which is not in reads`, u.locate);
  return p;
}

const FACTS = new Set<string>(factFields);

/**
 * DNA fields the section reads without declaring them: `fact('x')` in its
 * source, and a fact named in one of its copy patterns (`{{x}}`), when `x`
 * is a DNA fact field not in `reads`.
 */
function undeclaredFields(
  def: SectionDefinition,
  file: string,
): { field: string; where: string; locate: string }[] {
  const reads = new Set<string>(def.reads ?? []);
  const out: { field: string; where: string; locate: string }[] = [];
  const seen = new Set<string>();
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const m of source.matchAll(/\bfact\(\s*(['"`])([a-z_]+)\1/g)) {
    const field = m[2]!;
    if (reads.has(field) || seen.has(`fact:${field}`)) continue;
    seen.add(`fact:${field}`);
    out.push({ field, where: 'compose', locate: m[0] });
  }
  for (const [key, list] of Object.entries(def.patterns ?? {})) {
    list.forEach((pattern, i) => {
      for (const m of pattern.matchAll(/\{\{[#/]?(?:[a-z]+\s+)?([a-z_]+)\s*\}\}/g)) {
        const field = m[1]!;
        if (!FACTS.has(field) || reads.has(field) || seen.has(`pattern:${field}`)) continue;
        seen.add(`pattern:${field}`);
        out.push({ field, where: `patterns.${key}.${i}`, locate: m[0] });
      }
    });
  }
  return out;
}

/** The rules of one template against the sections and themes of its catalogue. */
export function templateRules(
  t: TemplateDefinition,
  sections: ReadonlyMap<string, SectionDefinition>,
  themes: ReadonlyMap<string, ThemeDefinition>,
): RuleProblem[] {
  const p: RuleProblem[] = [];
  const add = (rule: CatalogRuleId, text: string, locate?: string) =>
    p.push({ rule, text, file: DEFINITION_FILES.template, locate });
  if (!themes.has(t.theme))
    add(
      'template/unknown-theme',
      `theme: unknown theme "${t.theme}" (known: ${[...themes.keys()].join(', ')})`,
      t.theme,
    );
  const chrome = [
    ['chrome.header', 'header', t.chrome.header],
    ['chrome.footer', 'footer', t.chrome.footer],
  ] as const;
  for (const [field, type, variant] of chrome) {
    const s = sections.get(type);
    if (!s) add('template/unknown-section', `${field}: section "${type}" does not exist`, 'chrome');
    else if (!s.variants.includes(variant))
      add(
        'template/unknown-variant',
        `${field}: "${type}" has no variant "${variant}" (has ${s.variants.join(', ')})`,
        variant,
      );
  }
  const slugs = new Set<string>();
  if (t.pages[0]?.slug !== '')
    add(
      'template/first-page-not-home',
      'pages.0.slug: the first page must be the home page (slug "")',
      'pages',
    );
  t.pages.forEach((page, pi) => {
    if (slugs.has(page.slug))
      add('template/duplicate-slug', `pages.${pi}.slug: duplicate page "${page.slug}"`, page.slug);
    slugs.add(page.slug);
    page.sections.forEach((ref, si) => {
      const s = sections.get(ref.type);
      const at = `pages.${pi}.sections.${si}`;
      if (!s) {
        add(
          'template/unknown-section',
          `${at}.type: unknown section "${ref.type}" (known: ${[...sections.keys()].sort().join(', ')})`,
          ref.type,
        );
        return;
      }
      if (s.placement !== 'main')
        add(
          'template/chrome-in-page',
          `${at}.type: "${ref.type}" is a ${s.placement} section; set it in chrome instead`,
          ref.type,
        );
      if (ref.variant && !s.variants.includes(ref.variant)) {
        add(
          'template/unknown-variant',
          `${at}.variant: "${ref.type}" has no variant "${ref.variant}" (has ${s.variants.join(', ')})`,
          ref.variant,
        );
      }
    });
  });
  return p;
}

/** A definition that fails its zod schema, or is named after another folder. */
/** The definition file of each folder kind: sections are code; templates and themes are data (JSON). */
export const DEFINITION_FILES = {
  section: 'section.ts',
  template: 'template.json',
  theme: 'theme.json',
} as const;

export function definitionRules(
  kind: 'template' | 'theme',
  dir: string,
  parsed: { success: true; data: { id: string } } | { success: false; error: z.ZodError },
): RuleProblem[] {
  const file = DEFINITION_FILES[kind];
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({
      rule: `${kind}/definition` as const,
      text: `${i.path.join('.') || '(definition)'}: ${i.message}`,
      file,
      locate: typeof i.path.at(-1) === 'string' ? String(i.path.at(-1)) : undefined,
    }));
  if (parsed.data.id !== dir)
    return [
      {
        rule: `${kind}/id-folder` as const,
        text: `id "${parsed.data.id}" must equal its folder name`,
        file,
        locate: parsed.data.id,
      },
    ];
  return [];
}
