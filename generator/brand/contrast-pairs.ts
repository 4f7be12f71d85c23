import ColorSpace from 'colorjs.io/src/ColorSpace.js';
import contrastWCAG21 from 'colorjs.io/src/contrast/WCAG21.js';
import sRGB from 'colorjs.io/src/spaces/srgb.js';
import type { Palette, PaletteRole } from '../catalog/define-theme.ts';

// colorjs.io's function API, with only the sRGB space (and the spaces it converts through) registered:
// the whole library is ~110 modules, which every command that shows a palette would otherwise load.
ColorSpace.register(sRGB);

/**
 * The colour pairs a site draws on top of each other and the WCAG 2.2 ratio
 * each must reach. One list, used by the brand stage (to build and verify
 * palettes), the palette tests and the `contrast` report of `generate --json`.
 *
 * - `text` (1.4.3, 4.5:1): body copy, muted copy, links, button and band text.
 * - `large` (1.4.3 large text, 3:1): decorative display marks in the brand colour.
 * - `ui` (1.4.11 and 2.4.13, 3:1): button fills and ghost-button borders against
 *   the page, the focus ring against what surrounds it (it is drawn 3 px outside
 *   the element, so on the page or surface, never on the button), accent marks.
 *
 * `border` (hairline dividers and card edges) is decorative and carries no ratio.
 */
export type PairKind = 'text' | 'large' | 'ui';

export interface ContrastPair {
  fg: PaletteRole;
  bg: PaletteRole;
  required: number;
  kind: PairKind;
  /** Where the pair appears on a page. */
  use: string;
}

export const contrastPairs: readonly ContrastPair[] = [
  { fg: 'text', bg: 'bg', required: 4.5, kind: 'text', use: 'body text on the page' },
  { fg: 'text', bg: 'surface', required: 4.5, kind: 'text', use: 'body text in tinted bands and cards' },
  { fg: 'muted', bg: 'bg', required: 4.5, kind: 'text', use: 'secondary text on the page' },
  { fg: 'muted', bg: 'surface', required: 4.5, kind: 'text', use: 'secondary text in tinted bands' },
  { fg: 'link', bg: 'bg', required: 4.5, kind: 'text', use: 'links on the page' },
  { fg: 'link', bg: 'surface', required: 4.5, kind: 'text', use: 'links in tinted bands' },
  {
    fg: 'onPrimary',
    bg: 'primary',
    required: 4.5,
    kind: 'text',
    use: 'button labels and text on brand-colour bands',
  },
  { fg: 'primary', bg: 'bg', required: 3, kind: 'large', use: 'buttons and brand marks on the page' },
  { fg: 'primary', bg: 'surface', required: 3, kind: 'large', use: 'buttons and brand marks in bands' },
  { fg: 'borderStrong', bg: 'bg', required: 3, kind: 'ui', use: 'ghost-button borders on the page' },
  { fg: 'borderStrong', bg: 'surface', required: 3, kind: 'ui', use: 'ghost-button borders in bands' },
  { fg: 'focus', bg: 'bg', required: 3, kind: 'ui', use: 'focus ring on the page' },
  { fg: 'focus', bg: 'surface', required: 3, kind: 'ui', use: 'focus ring in tinted bands' },
  { fg: 'accent', bg: 'bg', required: 3, kind: 'ui', use: 'accent marks on the page' },
  { fg: 'accent', bg: 'surface', required: 3, kind: 'ui', use: 'accent marks in bands' },
];

/** WCAG 2.x contrast ratio of two colours (colorjs.io). */
export function contrastRatio(a: string, b: string): number {
  return contrastWCAG21(a, b);
}

export interface ContrastResult {
  fg: PaletteRole;
  bg: PaletteRole;
  fg_hex: string;
  bg_hex: string;
  /** Rounded down to two decimals, so a reported ratio never overstates. */
  ratio: number;
  required: number;
  kind: PairKind;
  pass: boolean;
}

/** Every pair of the palette with its ratio; `pass` is computed on the unrounded ratio. */
export function contrastReport(palette: Palette): ContrastResult[] {
  return contrastPairs.map((p) => {
    const ratio = contrastRatio(palette[p.fg], palette[p.bg]);
    return {
      fg: p.fg,
      bg: p.bg,
      fg_hex: palette[p.fg],
      bg_hex: palette[p.bg],
      ratio: Math.floor(ratio * 100) / 100,
      required: p.required,
      kind: p.kind,
      pass: ratio >= p.required,
    };
  });
}

/** The pairs a palette fails, empty when it meets every ratio. */
export function contrastFailures(palette: Palette): ContrastResult[] {
  return contrastReport(palette).filter((r) => !r.pass);
}
