import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type defaultRoots, loadCatalog } from '../../../generator/catalog/registry.ts';

/**
 * The registry checks every section's declarations when the catalogue loads:
 * a catalogue holding one section that breaks a rule is refused whole, with the
 * section and the field named.
 */
const zod = import.meta.resolve('zod');

/** A catalogue of one section (no templates, no themes) in a fresh folder. */
function catalogueOf(fields: Record<string, string>, components = ['plain']): typeof defaultRoots {
  const root = mkdtempSync(join(tmpdir(), 'dreamseed-registry-'));
  const folder = join(root, 'sections', 'sample');
  mkdirSync(folder, { recursive: true });
  const definition = {
    type: "'sample'",
    label: "'Sample'",
    description: "'A section for the registry test.'",
    schemaVersion: '1',
    placement: "'main'",
    reads: "['business_name', 'tagline']",
    requires: "['business_name']",
    states: "['tagline']",
    whenMissing: "'omit'",
    schema: 'z.strictObject({ headline: z.string() })',
    variants: "['plain']",
    patterns: "{ headline: ['{{business}}'] }",
    compose: "() => ({ status: 'missing', missing: ['business_name'] })",
    ...fields,
  };
  const body = Object.entries(definition)
    .map(([key, value]) => `  ${key}: ${value},`)
    .join('\n');
  writeFileSync(join(folder, 'section.ts'), `import { z } from '${zod}';\n\nexport default {\n${body}\n};\n`);
  for (const c of components) writeFileSync(join(folder, `${c}.astro`), '<section></section>\n');
  return {
    sections: join(root, 'sections'),
    templates: join(root, 'templates'),
    themes: join(root, 'themes'),
  };
}

describe('loadCatalog', () => {
  it('loads a section that keeps the rules', async () => {
    const catalog = await loadCatalog(catalogueOf({}));
    expect([...catalog.sections.keys()]).toEqual(['sample']);
  });

  it.each([
    [
      'states a fact it does not read',
      { states: "['tagline', 'who_serves']" },
      'states: "who_serves" is not in reads',
    ],
    [
      'requires a fact it does not read',
      { requires: "['who_serves']" },
      'requires: "who_serves" is not in reads',
    ],
    ['names no variant', { variants: '[]' }, 'variants: name at least one'],
    [
      'names a variant without its component',
      { variants: "['plain', 'fancy']" },
      'variants: "fancy" has no component',
    ],
    [
      'is a main section without copy patterns',
      { patterns: '{}' },
      'patterns: a main section needs copy patterns',
    ],
    [
      'has a copy pattern that does not compile',
      { patterns: "{ headline: ['{{#if}}'] }" },
      'patterns.headline.0:',
    ],
    ['is in a folder of another name', { type: "'other'" }, 'type "other" must equal its folder name'],
  ])('refuses a section that %s', async (_what, fields, problem) => {
    const load = loadCatalog(catalogueOf(fields));
    await expect(load).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(load).rejects.toThrow(`section sample: ${problem}`);
  });

  it('refuses a theme or template named after another folder, and a template naming an unknown section', async () => {
    const roots = catalogueOf({});
    const theme = {
      id: 'other-theme',
      name: 'Theme',
      description: 'A theme for the registry test.',
      fonts: { body: 'system-ui', heading: 'system-ui' },
      type: { basePx: 18, ratio: 1.2, headingWeight: 600, bodyLineHeight: 1.6, headingLineHeight: 1.2 },
      space: { unitRem: 1, sectionRem: 5 },
      radius: { small: '2px', medium: '4px', large: '8px', button: '4px' },
      layout: { maxWidth: '70rem', measure: '60ch' },
      style: { buttonStyle: 'solid', cardStyle: 'flat', sectionDivider: 'none' },
    };
    const template = {
      id: 'plain',
      name: 'Plain',
      description: 'A template for the registry test.',
      theme: 'other-theme',
      chrome: { header: 'plain', footer: 'plain' },
      pages: [{ slug: '', label: 'Home', sections: [{ type: 'nothing' }] }],
      suits: {},
    };
    for (const [dir, file, text] of [
      [join(roots.themes, 'plain'), 'theme.json', JSON.stringify(theme)],
      [join(roots.templates, 'plain'), 'template.json', JSON.stringify(template)],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const load = loadCatalog(roots);
    await expect(load).rejects.toThrow('theme plain: id "other-theme" must equal its folder name');
    await expect(load).rejects.toThrow('template plain: pages.0.sections.0.type: unknown section "nothing"');
  });

  it('finds the catalogue in the repository by default', async () => {
    const catalog = await loadCatalog();
    expect(catalog.sections.size).toBeGreaterThanOrEqual(14);
    for (const section of catalog.sections.values())
      for (const fact of section.states ?? []) expect(section.reads).toContain(fact);
  });
});
