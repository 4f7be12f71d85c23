import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../generator/catalog/registry.ts';
import { lintReport } from '../../../generator/designers/lint.ts';
import { newSection, newTemplate } from '../../../generator/designers/scaffold.ts';
import { type CatalogueCopy, copyCatalogue } from '../../helpers/catalogue-copy.ts';

/**
 * Scaffolds are valid and render from the first minute: the registry loads
 * them, and `templates lint` (a real render for a demo founder and every edge
 * case) finds nothing in them, unchanged.
 */
let copy: CatalogueCopy;

beforeAll(() => {
  process.env.DREAMSEED_HOME = mkdtempSync(join(tmpdir(), 'dreamseed-scaffold-'));
  copy = copyCatalogue();
});
afterAll(() => copy?.remove());

describe('templates new and sections new', () => {
  it('write a template and a section the registry loads, and name the next command', async () => {
    const template = await newTemplate('garden-centre', { roots: copy.roots });
    expect(template.files).toEqual(['templates/garden-centre/template.json']);
    expect(template.next[0]).toBe('dreamseed templates lint garden-centre');
    const section = await newSection('opening_note', { roots: copy.roots });
    expect(section.files.sort()).toEqual([
      'sections/opening_note/prompt.hbs',
      'sections/opening_note/section.ts',
      'sections/opening_note/standard.astro',
    ]);
    const catalog = await loadCatalog(copy.roots);
    expect(catalog.templates.get('garden-centre')?.pages[0]?.sections[0]).toEqual({
      type: 'hero',
      required: true,
    });
    expect(catalog.sections.get('opening_note')?.variants).toEqual(['standard']);
  });

  it('--from copies a template under the new id', async () => {
    const made = await newTemplate('calm-copy', { from: 'wellness', roots: copy.roots });
    expect(made.files).toEqual(['templates/calm-copy/template.json']);
    const copied = JSON.parse(readFileSync(join(copy.roots.templates, 'calm-copy', 'template.json'), 'utf8'));
    const original = JSON.parse(
      readFileSync(join(copy.roots.templates, 'wellness', 'template.json'), 'utf8'),
    );
    expect(copied.id).toBe('calm-copy');
    expect(copied.name).toBe(`${original.name} (copy)`);
    expect(Object.keys(copied)).toEqual(Object.keys(original));
    expect({ ...copied, id: original.id, name: original.name }).toEqual(original);
  });

  it.each([
    ['template', 'garden-centre', /already exists/],
    ['template', 'Garden_Centre', /kebab-case/],
    ['template', '9lives', /kebab-case/],
    ['section', 'hero', /already exists/],
    ['section', 'opening-note', /snake_case/],
  ] as const)('refuse the %s name %s, writing nothing', async (kind, name, problem) => {
    const before = readdirSync(kind === 'template' ? copy.roots.templates : copy.roots.sections).sort();
    const make =
      kind === 'template'
        ? newTemplate(name, { roots: copy.roots })
        : newSection(name, { roots: copy.roots });
    await expect(make).rejects.toMatchObject({ code: 'CATALOGUE_NAME', exitCode: 2 });
    await expect(make).rejects.toThrow(problem);
    expect(readdirSync(kind === 'template' ? copy.roots.templates : copy.roots.sections).sort()).toEqual(
      before,
    );
  });

  it('refuses --from a template that does not exist', async () => {
    await expect(newTemplate('other', { from: 'nope', roots: copy.roots })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(existsSync(join(copy.roots.templates, 'other'))).toBe(false);
  });

  it('lint with no ids renders a section no template places yet, on the first template’s home page', async () => {
    const report = await lintReport(undefined, { roots: copy.roots, founders: ['bakery'], edges: false });
    expect(report.findings).toEqual([]);
    expect(report.templates).toContain('garden-centre');
    expect(report.section_renders.map((r) => [r.template, r.case, r.ok])).toEqual([
      ['section-opening_note-standard', 'bakery', true],
    ]);
    const html = readFileSync(join(report.section_renders[0]!.out_dir!, 'index.html'), 'utf8');
    expect(html).toContain('opening-note--standard');
  }, 300_000);

  it('pass lint and build unchanged, for a demo founder and every edge case', async () => {
    // The new section, unchanged, placed on the new template's home page by a template of its own.
    await newTemplate('note-demo', { from: 'garden-centre', roots: copy.roots });
    const file = join(copy.roots.templates, 'note-demo', 'template.json');
    const noteDemo = JSON.parse(readFileSync(file, 'utf8'));
    const homeSections = noteDemo.pages[0].sections as { type: string }[];
    homeSections.splice(
      homeSections.findIndex((s) => s.type === 'cta'),
      0,
      { type: 'opening_note' },
    );
    writeFileSync(file, JSON.stringify(noteDemo, null, 2));
    const report = await lintReport(['garden-centre', 'note-demo', 'calm-copy'], {
      roots: copy.roots,
      founders: ['bakery'],
    });
    expect(report.findings).toEqual([]);
    expect(report.cases).toEqual([
      'bakery',
      'edge:name-only',
      'edge:sparse',
      'edge:long-name',
      'edge:non-english',
      'edge:emoji',
    ]);
    expect(report.renders).toHaveLength(18);
    expect(report.renders.every((r) => r.ok && (r.bytes ?? 0) > 0)).toBe(true);
    const home = report.renders.find((r) => r.template === 'note-demo' && r.case === 'bakery')!;
    const html = readFileSync(join(home.out_dir!, 'index.html'), 'utf8');
    expect(html).toContain('opening-note--standard');
    const tagline = JSON.parse(readFileSync(join(process.cwd(), 'supabase/demo/bakery/dna.json'), 'utf8'))
      .dream_dna_truth.tagline as string;
    expect(html).toContain(tagline.replace(/&/g, '&amp;').slice(0, 30));
  }, 300_000);
});
