import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DnaBundle } from '../../../generator/dna/schema.ts';
import { uprightSize, withUprightSizes } from '../../../generator/media/upright-size.ts';
import { fixturesDir } from '../files/hostile-uploads.ts';

/** Sizes as people see the image (EXIF orientation applied), read from real files with sharp. */
describe('uprightSize', () => {
  it('reads the rotated fixture as the portrait it shows, and upright files as stored', async () => {
    expect(await uprightSize(join(fixturesDir, 'photo-gps-rotated.jpg'))).toEqual({
      width: 1065,
      height: 1600,
    });
    expect(await uprightSize(join(fixturesDir, 'photo-grey-moon.jpg'))).toEqual({
      width: 2400,
      height: 1200,
    });
    expect(await uprightSize(join(fixturesDir, 'logo-inkscape.svg'))).toEqual({ width: 128, height: 128 });
  });

  it('is null for a file that cannot be read', async () => {
    expect(await uprightSize(join(fixturesDir, 'MANIFEST.tsv'))).toBeNull();
    expect(await uprightSize(join(fixturesDir, 'no-such-file.jpg'))).toBeNull();
  });

  it('gives every readable media item of a bundle its upright size; a stored size stays when the file cannot be read', async () => {
    const bundle = {
      user: { id: '00000000-0000-4000-8000-000000000000', slug: 'x' },
      truth: { field_confidence: {} },
      type: null,
      probabilities: [],
      media: [
        // A sideways size, as files added before the upright migration stored it.
        {
          asset_category: 'photo',
          path: join(fixturesDir, 'photo-gps-rotated.jpg'),
          width: 1600,
          height: 1065,
        },
        { asset_category: 'photo', path: null, width: 640, height: 480 },
        { asset_category: 'logo', path: join(fixturesDir, 'logo-vlc.png') },
      ],
    } as unknown as DnaBundle;
    const sized = await withUprightSizes(bundle);
    expect(sized.media.map((m) => [m.width, m.height])).toEqual([
      [1065, 1600],
      [640, 480],
      [256, 256],
    ]);
    expect(bundle.media[0]!.width).toBe(1600);
  });
});
