import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ContainerFormat, exifHasGps, imageEnd } from '../../../generator/files/image-structure.ts';
import { fixture } from './hostile-uploads.ts';

/** Where each container format ends, so appended data is found and truncation is seen. */
const samples = new Map<ContainerFormat, Buffer>();

beforeAll(async () => {
  const base = sharp(fixture('logo-vlc.png')).resize(64);
  samples.set('jpeg', fixture('photo-warm-orange-flower.jpg'));
  samples.set('png', fixture('logo-vlc.png'));
  samples.set('gif', await base.clone().gif().toBuffer());
  samples.set('webp', await base.clone().webp().toBuffer());
  samples.set('avif', await base.clone().avif({ effort: 0 }).toBuffer());
});

const formats: ContainerFormat[] = ['jpeg', 'png', 'gif', 'webp', 'avif'];

describe.each(formats)('%s', (format) => {
  it('ends exactly at the end of a whole file', () => {
    const bytes = samples.get(format)!;
    expect(imageEnd(bytes, format)).toBe(bytes.length);
  });

  it('finds the end before appended bytes', () => {
    const bytes = samples.get(format)!;
    const appended = Buffer.concat([
      bytes,
      Buffer.from('PK\u0003\u0004 an appended archive, or <?php system($_GET[1]); ?>'),
    ]);
    expect(imageEnd(appended, format)).toBe(bytes.length);
  });

  it('sees a file cut anywhere as incomplete', () => {
    const bytes = samples.get(format)!;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: bytes.length - 1 }), (cut) => {
        expect(imageEnd(bytes.subarray(0, cut), format)).toBeNull();
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('exifHasGps', () => {
  it('finds the GPS directory of the fixture photo and none where there is none', async () => {
    expect(exifHasGps((await sharp(fixture('photo-gps-rotated.jpg')).metadata()).exif)).toBe(true);
    const plain = await sharp(fixture('logo-debian.png'))
      .withMetadata({ exif: { IFD0: { Copyright: 'x' } } })
      .jpeg()
      .toBuffer();
    expect(exifHasGps((await sharp(plain).metadata()).exif)).toBe(false);
    expect(exifHasGps(undefined)).toBe(false);
  });
});
