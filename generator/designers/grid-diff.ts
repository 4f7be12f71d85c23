import pixelmatch from 'pixelmatch';
import sharp from 'sharp';

/**
 * Before/after of one screenshot: pixelmatch over the larger of the two
 * sizes (a page that grew or shrank counts its new area as changed), the diff
 * image written beside them. Decoding and encoding are sharp's (native: a
 * full-page PNG decodes in milliseconds, where a JavaScript decoder takes a second).
 */
export interface PixelDiff {
  changed_pixels: number;
  total_pixels: number;
  size_changed: boolean;
}

async function rgba(file: string, width: number, height: number): Promise<Buffer> {
  const image = sharp(file).ensureAlpha();
  const { width: w = 0, height: h = 0 } = await image.metadata();
  const padded =
    w === width && h === height
      ? image
      : image.extend({ right: width - w, bottom: height - h, background: { r: 0, g: 0, b: 0, alpha: 0 } });
  return padded.raw().toBuffer();
}

export async function diffShots(before: string, after: string, diffFile: string): Promise<PixelDiff> {
  const [a, b] = await Promise.all([sharp(before).metadata(), sharp(after).metadata()]);
  const width = Math.max(a.width ?? 0, b.width ?? 0);
  const height = Math.max(a.height ?? 0, b.height ?? 0);
  const [pa, pb] = await Promise.all([rgba(before, width, height), rgba(after, width, height)]);
  const diff = Buffer.alloc(width * height * 4);
  const changed = pixelmatch(pa, pb, diff, width, height, { threshold: 0.1 });
  await sharp(diff, { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toFile(diffFile);
  return {
    changed_pixels: changed,
    total_pixels: width * height,
    size_changed: a.width !== b.width || a.height !== b.height,
  };
}
