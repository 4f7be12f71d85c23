import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * HCT (hue, chroma, tone) from @material/material-color-utilities. Tone is
 * CIE L*, so a WCAG contrast ratio depends on tones alone: roles can be moved
 * in tone to meet a ratio while hue stays put and chroma drops only where the
 * sRGB gamut forces it.
 *
 * The package's entry point cannot be loaded by Node's ESM loader (0.4.0's
 * index re-exports scheme modules whose imports lack the `.js` extension, and
 * its `exports` map hides the working submodules), so the few submodules used
 * here are imported by file URL, found from the entry point's location.
 */
type Mcu = typeof import('@material/material-color-utilities');

const entry = pathToFileURL(createRequire(import.meta.url).resolve('@material/material-color-utilities'));
const load = <T>(path: string): Promise<T> => import(new URL(path, entry).href) as Promise<T>;

const [{ Hct }, { Contrast }, strings, colors] = await Promise.all([
  load<Pick<Mcu, 'Hct'>>('./hct/hct.js'),
  load<Pick<Mcu, 'Contrast'>>('./contrast/contrast.js'),
  load<Pick<Mcu, 'hexFromArgb' | 'argbFromHex'>>('./utils/string_utils.js'),
  load<Pick<Mcu, 'lstarFromArgb'>>('./utils/color_utils.js'),
]);

export { Contrast, Hct };

export interface HctColor {
  hue: number;
  chroma: number;
  tone: number;
}

/** `#rrggbb` (lower case) of an HCT colour, chroma reduced to fit sRGB at that tone. */
export function hexFromHct(hue: number, chroma: number, tone: number): string {
  return strings.hexFromArgb(Hct.from(hue, chroma, tone).toInt()).toLowerCase();
}

export function hctFromHex(hex: string): HctColor {
  const h = Hct.fromInt(strings.argbFromHex(hex));
  return { hue: h.hue, chroma: h.chroma, tone: h.tone };
}

/** The tone (L*) of a hex colour as it will be rendered. */
export function toneOfHex(hex: string): number {
  return colors.lstarFromArgb(strings.argbFromHex(hex));
}

/** Smallest angle between two hues, in degrees. */
export function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}
