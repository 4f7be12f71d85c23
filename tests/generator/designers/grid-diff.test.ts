import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { diffShots } from '../../../generator/designers/grid-diff.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/** pixelmatch over two screenshots (real PNGs made with sharp): identical, a changed block, a taller page. */
const scratch = scratchFolders();
const dir = scratch('dreamseed-grid-diff-');
const white = { r: 255, g: 255, b: 255, alpha: 1 };

async function png(
  name: string,
  width: number,
  height: number,
  block?: { left: number; top: number; size: number },
) {
  const file = join(dir, name);
  const base = sharp({ create: { width, height, channels: 4, background: white } });
  const composite = block
    ? [
        {
          input: await sharp({
            create: {
              width: block.size,
              height: block.size,
              channels: 4,
              background: { r: 200, g: 0, b: 0, alpha: 1 },
            },
          })
            .png()
            .toBuffer(),
          left: block.left,
          top: block.top,
        },
      ]
    : [];
  await base.composite(composite).png().toFile(file);
  return file;
}

describe('diffShots', () => {
  it('counts no pixel for identical screenshots, and writes the diff image', async () => {
    const a = await png('a.png', 100, 80);
    const b = await png('b.png', 100, 80);
    const r = await diffShots(a, b, join(dir, 'd1.png'));
    expect(r).toEqual({ changed_pixels: 0, total_pixels: 8000, size_changed: false });
    expect((await sharp(join(dir, 'd1.png')).metadata()).width).toBe(100);
  });

  it('counts the pixels of a changed block', async () => {
    const a = await png('c.png', 100, 80);
    const b = await png('e.png', 100, 80, { left: 10, top: 10, size: 20 });
    const r = await diffShots(a, b, join(dir, 'd2.png'));
    expect(r.changed_pixels).toBe(400);
    expect(r.size_changed).toBe(false);
  });

  it('a taller page counts its new area as changed', async () => {
    const a = await png('f.png', 100, 80);
    const b = await png('g.png', 100, 100);
    const r = await diffShots(a, b, join(dir, 'd3.png'));
    expect(r).toEqual({ changed_pixels: 2000, total_pixels: 10_000, size_changed: true });
  });
});
