import { type ContrastPair, contrastPairs, contrastRatio } from '../brand/contrast-pairs.ts';
import { type Palette, type PaletteRole, paletteRoles } from '../catalog/define-theme.ts';
import { lineAt } from './lint-finding.ts';

/**
 * Colour contrast under every palette option. A component's `<style>` may set
 * a text colour and a background from the palette's roles in one rule
 * (`color: var(--color-accent); background: var(--color-surface)`). The brand
 * stage guarantees the pairs in contrast-pairs.ts at their ratios; every pair
 * is measured under every palette option lint has (each founder's three) and
 * must reach 4.5:1 as text, or the listed ratio of a text or display pair.
 */
export interface NamedPalette {
  /** `bakery option 1 (brand-deep)`. */
  name: string;
  roles: Palette;
}

export interface ContrastProblem {
  line: number;
  message: string;
}

const ROLE_OF = new Map<string, PaletteRole>(
  paletteRoles.map((r) => [`--color-${r.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, r]),
);

function roleIn(value: string): PaletteRole | undefined {
  const m = /var\(\s*(--color-[a-z-]+)\s*[,)]/.exec(value);
  return m ? ROLE_OF.get(m[1]!) : undefined;
}

/**
 * What text in `fg` on `bg` must reach: the ratio contrast-pairs.ts gives the pair when it is made for
 * text or large display text; 4.5:1 otherwise (a pair made for UI marks, or none, is not made for text).
 */
function requiredFor(fg: PaletteRole, bg: PaletteRole): { ratio: number; pair?: ContrastPair } {
  const pair = contrastPairs.find((p) => p.fg === fg && p.bg === bg);
  return pair && pair.kind !== 'ui' ? { ratio: pair.required, pair } : { ratio: 4.5 };
}

/** Pairs of roles one CSS rule of the component draws on each other, measured under every palette. */
export function contrastProblems(source: string, palettes: readonly NamedPalette[]): ContrastProblem[] {
  const out: ContrastProblem[] = [];
  if (!palettes.length) return out;
  for (const style of source.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    const css = style[1] ?? '';
    const base = style.index + style[0].indexOf(css);
    for (const rule of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const body = rule[2] ?? '';
      const bodyAt = base + rule.index + rule[0].indexOf('{') + 1;
      const decl = (prop: RegExp) => {
        const m = prop.exec(body);
        return m ? { role: roleIn(m[1]!), at: bodyAt + m.index } : undefined;
      };
      const fg = decl(/(?:^|[;\s])color\s*:\s*([^;]+)/);
      const bg = decl(/(?:^|[;\s])background(?:-color)?\s*:\s*([^;]+)/);
      if (!fg?.role || !bg?.role || fg.role === bg.role) continue;
      const { ratio: required } = requiredFor(fg.role, bg.role);
      const failing = palettes
        .map((p) => ({ name: p.name, ratio: contrastRatio(p.roles[fg.role!], p.roles[bg.role!]) }))
        .filter((r) => r.ratio < required);
      if (!failing.length) continue;
      const worst = failing.reduce((a, b) => (b.ratio < a.ratio ? b : a));
      const names = failing.slice(0, 3).map((f) => `${f.name} ${f.ratio.toFixed(2)}:1`);
      out.push({
        line: lineAt(source, fg.at),
        message:
          `${rule[1]!.trim()}: ${fg.role} on ${bg.role} needs ${required}:1 but is ${worst.ratio.toFixed(2)}:1 under ` +
          `${failing.length} of ${palettes.length} palette options (${names.join('; ')}${failing.length > 3 ? '; …' : ''})`,
      });
    }
  }
  return out;
}

export const contrastHint =
  'Draw text only on the backgrounds it is made for (generator/brand/contrast-pairs.ts): text, muted and link on bg or surface, onPrimary on primary.';
