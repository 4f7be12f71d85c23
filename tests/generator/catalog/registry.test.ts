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

  it('finds the catalogue in the repository by default', async () => {
    const catalog = await loadCatalog();
    expect(catalog.sections.size).toBeGreaterThanOrEqual(14);
    for (const section of catalog.sections.values())
      for (const fact of section.states ?? []) expect(section.reads).toContain(fact);
  });
});
