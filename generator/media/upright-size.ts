import sharp from 'sharp';
import type { DnaBundle } from '../dna/schema.ts';
import { LIMIT_INPUT_PIXELS } from './decode.ts';

/**
 * The size of an image as people see it: EXIF orientation applied (a phone
 * photo stored sideways with "rotate 90°" is portrait). Read from the header
 * alone, nothing decoded. Sections choose images by this shape (a wide hero
 * takes landscape photos, a portrait frame portrait ones), so every media item
 * of a bundle gets it from its file when the file can be read; a stored size is
 * kept only when it cannot.
 */
export async function uprightSize(path: string): Promise<{ width: number; height: number } | null> {
  try {
    const m = await sharp(path, { limitInputPixels: LIMIT_INPUT_PIXELS }).metadata();
    const size = m.autoOrient ?? { width: m.width, height: m.height };
    return size.width && size.height ? { width: size.width, height: size.height } : null;
  } catch {
    // An unreadable file is reported where it is needed (the brand stage names it); its size stays as stored.
    return null;
  }
}

/** The bundle with every readable media file's upright width and height. */
export async function withUprightSizes(bundle: DnaBundle): Promise<DnaBundle> {
  const media = await Promise.all(
    bundle.media.map(async (m) => {
      const size = m.path ? await uprightSize(m.path) : null;
      return size ? { ...m, ...size } : m;
    }),
  );
  return { ...bundle, media };
}
