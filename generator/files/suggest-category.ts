import sharp from 'sharp';
import type { RawPixels } from '../media/decode.ts';

/**
 * When the founder does not say what an image is, `files add` suggests logo or
 * photo from the pixels: a logo usually has a transparent background, is small,
 * about square, and is often drawn in a few flat colours; a photo is opaque,
 * large, landscape or portrait, and has tens of thousands of colours. Each sign counts; the reasons
 * are worded for the founder ("transparent background (71% of pixels clear)"),
 * so they can correct the choice with `--category`.
 */
export interface CategorySuggestion {
  category: 'logo' | 'photo';
  /** The signs that decided it, most telling first. */
  reasons: string[];
  /** The measurements, for --json. */
  measured: {
    transparent_share: number;
    colours: number;
    entropy: number;
    width: number;
    height: number;
  };
}

/** Transparent pixels share above which an image is a cut-out (a logo or an icon). */
const CLEAR_SHARE = 0.05;
/**
 * Distinct colours among the opaque pixels (of the ≤ 400 px analysis copy) at
 * most in a flat drawing, at least in a photo. Gradients and anti-aliasing give
 * logos thousands of colours too, so only the clear cases count.
 */
const FEW_COLOURS = 64;
const MANY_COLOURS = 20_000;
/** Longer side (px) at most for a logo file, at least for a photo meant for a hero. */
const SMALL_SIDE = 1024;
const LARGE_SIDE = 1200;

export async function suggestCategory(input: {
  /** Upright RGBA pixels (≤ 400 px a side), as the upload check decoded them. */
  pixels: RawPixels;
  /** Upright size of the image. */
  width: number;
  height: number;
}): Promise<CategorySuggestion> {
  const { data, width: w, height: h } = input.pixels;
  const total = w * h;
  let clear = 0;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3]! < 250) {
      clear++;
      continue;
    }
    colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  }
  const stats = await sharp(data, { raw: { width: w, height: h, channels: 4 } }).stats();
  const share = total ? clear / total : 0;
  const side = Math.max(input.width, input.height);
  const ratio = input.width / input.height;
  const measured = {
    transparent_share: Math.round(share * 1000) / 1000,
    colours: colours.size,
    entropy: Math.round(stats.entropy * 100) / 100,
    width: input.width,
    height: input.height,
  };

  const logo: [number, string][] = [];
  const photo: [number, string][] = [];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (share >= CLEAR_SHARE) logo.push([3, `transparent background (${pct(share)} of pixels clear)`]);
  else photo.push([1, 'no transparent background']);
  if (colours.size <= FEW_COLOURS) logo.push([2, `few colours (${colours.size})`]);
  else if (colours.size >= MANY_COLOURS) photo.push([2, `many colours (${colours.size})`]);
  if (side <= SMALL_SIDE) logo.push([1, `small (${input.width}×${input.height} px)`]);
  else if (side >= LARGE_SIDE) photo.push([1, `large (${input.width}×${input.height} px)`]);
  if (ratio > 0.9 && ratio < 1.1) logo.push([1, 'square']);
  else if ((ratio >= 1.2 && ratio <= 2.1) || (ratio >= 0.5 && ratio <= 1 / 1.2))
    photo.push([1, `a photo's shape (${shapeWords(ratio)})`]);

  const score = (signs: [number, string][]) => signs.reduce((n, [w]) => n + w, 0);
  const isLogo = score(logo) > score(photo);
  const signs = (isLogo ? logo : photo).sort((a, b) => b[0] - a[0]).map(([, r]) => r);
  return { category: isLogo ? 'logo' : 'photo', reasons: signs, measured };
}

function shapeWords(ratio: number): string {
  return ratio < 1 ? 'portrait' : ratio >= 1.7 ? 'wide' : 'landscape';
}
