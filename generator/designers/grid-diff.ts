import { readFileSync, writeFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * Before/after of one screenshot: pixelmatch over the larger of the two
 * sizes (a page that grew or shrank counts its new area as changed), the diff
 * image written beside them.
 */
export interface PixelDiff {
  changed_pixels: number;
  total_pixels: number;
  size_changed: boolean;
}

function padded(png: PNG, width: number, height: number): Buffer {
  if (png.width === width && png.height === height) return png.data;
  const out = new PNG({ width, height });
  out.data.fill(0);
  PNG.bitblt(png, out, 0, 0, png.width, png.height, 0, 0);
  return out.data;
}

export function diffShots(before: string, after: string, diffFile: string): PixelDiff {
  const a = PNG.sync.read(readFileSync(before));
  const b = PNG.sync.read(readFileSync(after));
  const width = Math.max(a.width, b.width);
  const height = Math.max(a.height, b.height);
  const diff = new PNG({ width, height });
  const changed = pixelmatch(padded(a, width, height), padded(b, width, height), diff.data, width, height, {
    threshold: 0.1,
  });
  writeFileSync(diffFile, PNG.sync.write(diff));
  return {
    changed_pixels: changed,
    total_pixels: width * height,
    size_changed: a.width !== b.width || a.height !== b.height,
  };
}
