import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../generator/brand/contrast-pairs.ts';
import { type PaletteRole, paletteRoles } from '../../../generator/catalog/define-theme.ts';
import { inspectCatalog, loadCatalog } from '../../../generator/catalog/registry.ts';
import { lintReport } from '../../../generator/designers/lint.ts';
import { demoCase } from '../../../generator/designers/lint-cases.ts';
import type { Finding } from '../../../generator/designers/lint-finding.ts';
import { renderCase } from '../../../generator/designers/lint-render.ts';
import { type CatalogueCopy, copyCatalogue } from '../../helpers/catalogue-copy.ts';

/**
 * `templates lint` on a copy of the catalogue with one mistake of each kind
 * seeded into a different file: each is found with its own rule id, in the
 * file it was made in, at its line. The render is real (offline writer, brand
 * stage, Astro build) for one demo founder.
 */
const kebab = (role: string) => role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Two roles whose contrast meets 4.5:1 under some of bakery's palette options and not under another. */
async function pairFailingUnderSomeOptions(): Promise<{ fg: PaletteRole; bg: PaletteRole; failing: number }> {
  const catalog = await loadCatalog();
  const { bundle } = await demoCase('bakery');
  const { brand } = await renderCase(catalog, catalog.templates.get('wellness')!, bundle, {
    outDir: '',
    build: false,
    sectionsDir: '',
  });
  for (const fg of paletteRoles)
    for (const bg of paletteRoles) {
      if (fg === bg) continue;
      const failing = brand.paletteOptions.filter(
        (o) => contrastRatio(o.roles[fg], o.roles[bg]) < 4.5,
      ).length;
      if (failing > 0 && failing < brand.paletteOptions.length) return { fg, bg, failing };
    }
  throw new Error('no pair of roles fails under only some of bakery’s palette options');
}

let copy: CatalogueCopy;
let findings: Finding[];
let pair: Awaited<ReturnType<typeof pairFailingUnderSomeOptions>>;

beforeAll(async () => {
  process.env.DREAMSEED_HOME = mkdtempSync(join(tmpdir(), 'dreamseed-lint-'));
  pair = await pairFailingUnderSomeOptions();
  copy = copyCatalogue();
  // A missing section: tech-b2b names a section type that does not exist.
  copy.edit(
    'templates/tech-b2b/template.json',
    '"type": "process",\n          "variant": "timeline"',
    '"type": "process_map"',
  );
  // An undeclared field: the gallery's compose reads a fact it does not declare.
  copy.edit(
    'sections/gallery/section.ts',
    'compose(ctx) {',
    "compose(ctx) {\n    void ctx.fact('founded_year');",
  );
  // An unsized image, in the hero wellness opens with.
  copy.edit('sections/hero/split.astro', '</section>', '<img src="/favicon.svg" alt="Logo" />\n</section>');
  // An unsized image the source does not show as such (its attributes are spread): found on the built page.
  copy.edit(
    'sections/about/story.astro',
    '</section>',
    "<img {...{ src: '/favicon.svg', alt: 'Seal' }} />\n</section>",
  );
  // An inline script, in the call to action.
  copy.edit(
    'sections/cta/panel.astro',
    '</section>',
    '<script is:inline>document.title = "hi";</script>\n</section>',
  );
  // A third-party font, in the FAQ.
  copy.edit(
    'sections/faq/list.astro',
    '</section>',
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter" />\n</section>',
  );
  // A second h1, in the testimonials.
  copy.edit('sections/testimonials/quotes.astro', '</section>', '<h1>Kind words</h1>\n</section>');
  // An AI brief keeping a field its schema does not have.
  copy.edit('sections/what_problem/prompt.hbs', 'keep: ', 'keep: answers_html, ');
  // A colour pair that fails under some palette options, in the services list.
  copy.edit(
    'sections/services/list.astro',
    '<style>',
    `<style>\n  .seeded { color: var(--color-${kebab(pair.fg)}); background: var(--color-${kebab(pair.bg)}); }`,
  );
  const report = await lintReport(['wellness', 'tech-b2b', 'creative-portfolio'], {
    roots: copy.roots,
    founders: ['bakery'],
    edges: false,
  });
  findings = report.findings;
}, 300_000);

afterAll(() => copy?.remove());

function found(id: string, file: string): Finding | undefined {
  return findings.find((f) => f.id === id && f.file === file);
}

describe('templates lint on seeded mistakes', () => {
  it('finds a template naming a missing section, at its line', () => {
    const f = found('template/unknown-section', 'templates/tech-b2b/template.json');
    expect(f, JSON.stringify(findings, null, 1)).toBeDefined();
    expect(f!.message).toContain('"process_map"');
    expect(f!.line).toBeGreaterThan(1);
    expect(f!.severity).toBe('error');
    expect(f!.hint).toMatch(/sections new/);
  });

  it('finds a DNA field a section reads without declaring it', () => {
    const f = found('section/undeclared-field', 'sections/gallery/section.ts');
    expect(f).toBeDefined();
    expect(f!.message).toContain('founded_year');
    expect(f!.line).toBeGreaterThan(1);
  });

  it.each([
    ['html/unsized-image', 'sections/hero/split.astro', '<img'],
    ['html/inline-script', 'sections/cta/panel.astro', '<script'],
    ['html/external-font', 'sections/faq/list.astro', 'fonts.googleapis.com'],
    ['html/one-h1', 'sections/testimonials/quotes.astro', '<h1'],
  ])('finds %s in %s', (id, file) => {
    const f = found(id, file);
    expect(f, JSON.stringify(findings.map((x) => [x.id, x.file]))).toBeDefined();
    expect(f!.line).toBeGreaterThan(10);
    expect(f!.hint.length).toBeGreaterThan(10);
  });

  it('finds an AI brief keeping a field the schema does not have', () => {
    const f = found('section/bad-brief', 'sections/what_problem/prompt.hbs');
    expect(f).toBeDefined();
    expect(f!.message).toContain('"answers_html"');
    expect(f!.line).toBe(2);
  });

  it('puts a problem only the built page shows on the component that makes it', () => {
    const f = found('html/unsized-image', 'sections/about/story.astro');
    expect(f).toBeDefined();
    expect(f!.case).toBe('bakery');
    expect(f!.template).toBe('wellness');
    expect(f!.message).toMatch(/^\/about\/ for bakery/);
  });

  it('finds the colour pair that fails under some palette options, naming how many', () => {
    const f = found('css/contrast', 'sections/services/list.astro');
    expect(f).toBeDefined();
    expect(f!.message).toContain(`${pair.fg} on ${pair.bg}`);
    expect(f!.message).toMatch(new RegExp(`under ${pair.failing} of \\d+ palette options`));
  });

  it('reports each mistake once per file, with no finding in files left alone', () => {
    const seeded = new Set([
      'templates/tech-b2b/template.json',
      'sections/gallery/section.ts',
      'sections/hero/split.astro',
      'sections/cta/panel.astro',
      'sections/faq/list.astro',
      'sections/testimonials/quotes.astro',
      'sections/services/list.astro',
      'sections/about/story.astro',
      'sections/what_problem/prompt.hbs',
      // A page with the seeded script ships JavaScript (its budget), and the template whose section cannot be written does not render.
      'templates/wellness/template.json',
      'templates/creative-portfolio/template.json',
    ]);
    expect(findings.filter((f) => !seeded.has(f.file))).toEqual([]);
    expect(findings.filter((f) => f.file === 'templates/wellness/template.json').map((f) => f.id)).toEqual(
      expect.arrayContaining(['budget/javascript-bytes']),
    );
  });

  it('the registry refuses the same catalogue with the same rules', async () => {
    const { problems } = await inspectCatalog(copy.roots);
    expect(problems.map((p) => p.rule).sort()).toEqual([
      'section/undeclared-field',
      'template/unknown-section',
    ]);
    await expect(loadCatalog(copy.roots)).rejects.toThrow(/section gallery: compose: reads "founded_year"/);
  });
});
