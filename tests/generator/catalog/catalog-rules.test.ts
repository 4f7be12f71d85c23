import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { catalogRules, sectionRules } from '../../../generator/catalog/catalog-rules.ts';
import type { SectionDefinition } from '../../../generator/catalog/define-section.ts';

/** The catalogue rules the registry and `templates lint` share: ids, files and the value to locate. */
function section(
  overrides: Partial<SectionDefinition>,
  source = '',
): { def: SectionDefinition; folder: string } {
  const folder = join(mkdtempSync(join(tmpdir(), 'dreamseed-rules-')), 'sample');
  mkdirSync(folder);
  writeFileSync(join(folder, 'plain.astro'), '<section></section>\n');
  writeFileSync(join(folder, 'section.ts'), source);
  const def: SectionDefinition = {
    type: 'sample',
    label: 'Sample',
    description: 'A section for the rules test.',
    schemaVersion: 1,
    placement: 'main',
    reads: ['business_name', 'tagline'],
    requires: ['business_name'],
    whenMissing: 'omit',
    schema: z.strictObject({ headline: z.string() }),
    variants: ['plain'],
    patterns: { headline: ['{{business}}'] },
    compose: () => ({ status: 'missing', missing: ['business_name'] }),
    ...overrides,
  };
  return { def, folder };
}

describe('sectionRules', () => {
  it('finds nothing in a section that keeps the rules', () => {
    const { def, folder } = section({}, "compose(ctx) { ctx.fact('tagline'); }");
    expect(sectionRules(def, 'sample', folder)).toEqual([]);
  });

  it('finds a fact read in compose that is not declared, locating the call', () => {
    const { def, folder } = section({}, "compose(ctx) {\n  const y = ctx.fact('founded_year');\n}");
    expect(sectionRules(def, 'sample', folder)).toEqual([
      {
        rule: 'section/undeclared-field',
        text: 'compose: reads "founded_year", which is not in reads',
        file: 'section.ts',
        locate: "fact('founded_year'",
      },
    ]);
  });

  it('finds a copy pattern naming an undeclared fact, but not pattern data that is no fact', () => {
    const { def, folder } = section({
      patterns: {
        headline: ['{{business}} in {{location_city}}', 'Our {{service}}', '{{#if founder_name}}x{{/if}}'],
      },
    });
    expect(sectionRules(def, 'sample', folder).map((p) => p.text)).toEqual([
      'patterns.headline.0: reads "location_city", which is not in reads',
      'patterns.headline.2: reads "founder_name", which is not in reads',
    ]);
  });

  it('gives every rule a hint', () => {
    for (const [rule, hint] of Object.entries(catalogRules)) {
      expect(rule).toMatch(/^(section|template|theme)\/[a-z-]+$/);
      expect(hint.length).toBeGreaterThan(20);
    }
  });
});
