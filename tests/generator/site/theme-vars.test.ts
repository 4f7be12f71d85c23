import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThemeDefinition } from '../../../generator/catalog/define-theme.ts';
import { themeDefinitionSchema } from '../../../generator/catalog/definition-schemas.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { siteSpecSchema } from '../../../generator/site/spec.ts';
import { themeStyle, themeVars, typeScale } from '../../../generator/site/theme-vars.ts';
import { archetypePalettes, neutralPalette } from '../../../themes/palettes.ts';

const themesRoot = join(repoRoot, 'themes');
const themeIds = readdirSync(themesRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(themesRoot, d.name, 'theme.json')))
  .map((d) => d.name)
  .sort();
const themes: [string, ThemeDefinition][] = themeIds.map((id) => [
  id,
  themeDefinitionSchema.parse(JSON.parse(readFileSync(join(themesRoot, id, 'theme.json'), 'utf8'))),
]);

/** Every stylesheet the site ships: base.css, the shared Astro components, and every section variant. */
function styleSources(): string[] {
  const astroDir = join(repoRoot, 'generator/site/astro');
  const files = [join(astroDir, 'base.css')];
  for (const f of readdirSync(astroDir)) if (f.endsWith('.astro')) files.push(join(astroDir, f));
  const sectionsDir = join(repoRoot, 'sections');
  if (existsSync(sectionsDir)) {
    for (const f of readdirSync(sectionsDir, { recursive: true, encoding: 'utf8' })) {
      if (f.endsWith('.astro') || f.endsWith('.css')) files.push(join(sectionsDir, f));
    }
  }
  return files;
}

/**
 * Custom properties the CSS reads that only the theme can provide: every
 * `var(--name)` minus names the files declare themselves (`--flow-space: …`)
 * and names read only with a fallback (`var(--grid-min, 16rem)`).
 */
function requiredProperties(sources: { file: string; text: string }[]): {
  required: Set<string>;
  where: Map<string, string>;
} {
  const declared = new Set<string>();
  const bare = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const m of text.matchAll(/(?<![\w-])--([a-zA-Z0-9_-]+)\s*:/g)) declared.add(m[1]!);
    for (const m of text.matchAll(/var\(\s*--([a-zA-Z0-9_-]+)\s*([,)])/g)) {
      if (m[2] === ')' && !bare.has(m[1]!)) bare.set(m[1]!, file);
    }
  }
  const required = new Set([...bare.keys()].filter((name) => !declared.has(name)));
  return { required, where: bare };
}

const siteSources = () =>
  styleSources().map((file) => ({ file: file.slice(repoRoot.length + 1), text: readFileSync(file, 'utf8') }));

const CSS_VALUE = /^[^;{}<>]+$/;
const palettes = [['neutral', neutralPalette], ...Object.entries(archetypePalettes)] as const;
const px = (value: string) => Number.parseFloat(value) * (value.endsWith('rem') ? 16 : 1);

describe('themeVars', () => {
  const { required, where } = requiredProperties(siteSources());

  it('counts a bare var() as required, but not local or fallback ones', () => {
    const { required: r } = requiredProperties([
      {
        file: 'a.astro',
        text: '.x{color:var(--brand-new);gap:var(--local);--local:1rem;width:var(--opt, 2rem)}',
      },
    ]);
    expect([...r]).toEqual(['brand-new']);
  });

  it('finds the properties base.css reads', () => {
    for (const name of ['color-bg', 'font-body', 'step-0', 'space-3', 'radius-button', 'section-space']) {
      expect(required.has(name), name).toBe(true);
    }
  });

  it('has themes to check', () => {
    expect(themes.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(themes)('theme %s', (id, theme) => {
    it('is a valid theme definition named after its folder', () => {
      expect(themeDefinitionSchema.parse(theme).id).toBe(id);
    });

    it.each(palettes)(
      'defines every custom property the CSS reads, as a plain CSS value (%s palette)',
      (_p, palette) => {
        const vars = themeVars(theme, palette);
        const missing = [...required]
          .filter((name) => !(name in vars))
          .map((n) => `--${n} (read in ${where.get(n)})`);
        expect(missing).toEqual([]);
        for (const [name, value] of Object.entries(vars)) {
          expect(name).toMatch(/^[a-z0-9-]+$/);
          expect(value, name).toMatch(CSS_VALUE);
        }
        expect(() =>
          siteSpecSchema.shape.theme.parse({ id, vars, style: themeStyle(theme), colors: { ...palette } }),
        ).not.toThrow();
      },
    );

    it('has a fluid type scale that grows with each step and fits a 320 px screen', () => {
      const scale = typeScale(theme);
      const steps = [-1, 0, 1, 2, 3, 4, 5].map((s) => scale[`step-${s}`]!);
      steps.forEach(([min, max], i) => {
        expect(min).toBeLessThanOrEqual(max);
        expect(min).toBeGreaterThanOrEqual(14);
        // WCAG 1.4.4: text still doubles under 200 % zoom when max ≤ 2.5 × min.
        expect(max / min).toBeLessThanOrEqual(2.5);
        if (i > 0) {
          expect(min).toBeGreaterThanOrEqual(steps[i - 1]![0]);
          expect(max).toBeGreaterThan(steps[i - 1]![1]);
        }
      });
      expect(steps[1]![0]).toBeGreaterThanOrEqual(15);
      expect(steps[6]![0]).toBeLessThanOrEqual(40);
      expect(steps[6]![1]).toBeGreaterThanOrEqual(44);
    });

    it('writes sizes as clamp() in rem and vw', () => {
      const vars = themeVars(theme, neutralPalette);
      expect(vars['step-5']).toMatch(/^clamp\([\d.]+rem, -?[\d.]+rem \+ [\d.]+vw, [\d.]+rem\)$/);
      expect(vars['section-space']).toMatch(/^clamp\(/);
      const [, lo, , hi] = /^clamp\(([\d.]+rem), (.+), ([\d.]+rem)\)$/.exec(vars['step-5']!) ?? [];
      expect(px(lo!)).toBeCloseTo(typeScale(theme)['step-5']![0], 1);
      expect(px(hi!)).toBeCloseTo(typeScale(theme)['step-5']![1], 1);
    });

    it('maps palette roles to kebab-case colour properties', () => {
      const vars = themeVars(theme, archetypePalettes.hero);
      expect(vars['color-on-primary']).toBe(archetypePalettes.hero.onPrimary);
      expect(vars['color-border-strong']).toBe(archetypePalettes.hero.borderStrong);
      expect(vars['color-bg']).toBe(archetypePalettes.hero.bg);
    });

    it('exposes its style hints', () => {
      expect(themeStyle(theme)).toEqual({
        button: theme.style.buttonStyle,
        card: theme.style.cardStyle,
        divider: theme.style.sectionDivider,
      });
    });
  });
});
