import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogueCopy, copyCatalogue } from '../helpers/catalogue-copy.ts';
import { runCliAsync, tempHome } from '../helpers/cli.ts';

/** `dreamseed templates new | lint` and `dreamseed sections new` in a real subprocess, on a copy of the catalogue. */
let copy: CatalogueCopy;
let home: string;

beforeAll(() => {
  copy = copyCatalogue();
  home = tempHome();
});
afterAll(() => copy?.remove());

const cli = (...args: string[]) => runCliAsync([...args, '--root', copy.root], home);

describe('dreamseed templates new / sections new / templates lint', () => {
  it('scaffolds, printing the files written and the next command', async () => {
    const t = await cli('templates', 'new', 'garden-centre');
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('templates/garden-centre/template.json');
    expect(t.stdout).toContain('dreamseed templates lint garden-centre');
    const s = await cli('sections', 'new', 'opening_note', '--json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({
      kind: 'section',
      name: 'opening_note',
      files: [
        'sections/opening_note/section.ts',
        'sections/opening_note/standard.astro',
        'sections/opening_note/prompt.hbs',
      ],
    });
  });

  it('refuses a taken or malformed name with exit code 2', async () => {
    const taken = await cli('templates', 'new', 'wellness');
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/template name "wellness" cannot be used: .* already exists/);
    const bad = await cli('sections', 'new', 'Opening Note');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('snake_case');
  });

  it('lints a scaffold clean (exit 0) and a seeded mistake as a finding (exit 1)', async () => {
    const clean = await cli(
      'templates',
      'lint',
      'garden-centre',
      '--founder',
      'bakery',
      '--no-edges',
      '--json',
    );
    expect(clean.code, clean.stderr).toBe(0);
    const report = JSON.parse(clean.stdout) as { findings: unknown[]; renders: { ok: boolean }[] };
    expect(report.findings).toEqual([]);
    expect(report.renders).toEqual([
      expect.objectContaining({ template: 'garden-centre', case: 'bakery', ok: true }),
    ]);

    copy.edit('sections/cta/panel.astro', '</section>', '<script is:inline>alert(1)</script>\n</section>');
    const failed = await cli('templates', 'lint', 'garden-centre', '--founder', 'bakery', '--no-edges');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/error sections\/cta\/panel\.astro:\d+ {2}html\/inline-script/);
    expect(failed.stdout).toContain('hint: Remove the <script>');
    expect(failed.stderr).toMatch(/Lint found \d+ errors?/);
  });

  it('refuses an unknown template, founder or root', async () => {
    expect((await cli('templates', 'lint', 'nope', '--no-build')).code).toBe(2);
    expect((await cli('templates', 'lint', '--founder', 'nobody')).code).toBe(2);
    const outside = await runCliAsync(['templates', 'lint', '--root', '/tmp'], home);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('inside the repository');
  });
});
