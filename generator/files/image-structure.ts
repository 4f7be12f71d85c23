/**
 * Where an image file's own data ends, by walking its container structure
 * (JPEG markers, PNG chunks, GIF blocks, the RIFF size of WebP, ISO-BMFF boxes
 * of AVIF). Anything after that end is not part of the image: a script or an
 * archive appended to make a polyglot file. `null` means the structure stops
 * before its end marker: the file is truncated or corrupt.
 */
export type ContainerFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif';

export function imageEnd(bytes: Uint8Array, format: ContainerFormat): number | null {
  switch (format) {
    case 'jpeg':
      return jpegEnd(bytes);
    case 'png':
      return pngEnd(bytes);
    case 'gif':
      return gifEnd(bytes);
    case 'webp':
      return webpEnd(bytes);
    case 'avif':
      return isoBmffEnd(bytes);
  }
}

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
const u32le = (b: Uint8Array, at: number) =>
  ((b[at + 3]! << 24) >>> 0) + ((b[at + 2]! << 16) | (b[at + 1]! << 8) | b[at]!);

function jpegEnd(b: Uint8Array): number | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let pos = 2;
  while (pos < b.length) {
    if (b[pos] !== 0xff) return null;
    while (b[pos] === 0xff && pos < b.length) pos++; // fill bytes
    if (pos >= b.length) return null;
    const marker = b[pos]!;
    pos++;
    if (marker === 0xd9) return pos; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // RSTn, TEM: no length
    if (pos + 2 > b.length) return null;
    const length = u16be(b, pos);
    if (length < 2) return null;
    pos += length;
    if (marker === 0xda) {
      // Entropy-coded data: runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      while (pos + 1 < b.length) {
        if (b[pos] === 0xff) {
          const next = b[pos + 1]!;
          if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        }
        pos++;
      }
      if (pos + 1 >= b.length) return null;
    }
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngEnd(b: Uint8Array): number | null {
  if (!PNG_SIGNATURE.every((v, i) => b[i] === v)) return null;
  let pos = 8;
  while (pos + 12 <= b.length) {
    const length = u32be(b, pos);
    const type = String.fromCharCode(b[pos + 4]!, b[pos + 5]!, b[pos + 6]!, b[pos + 7]!);
    const end = pos + 12 + length;
    if (end > b.length) return null;
    if (type === 'IEND') return end;
    pos = end;
  }
  return null;
}

function gifEnd(b: Uint8Array): number | null {
  if (b.length < 13) return null;
  const packed = b[10]!;
  let pos = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const skipSubBlocks = (): boolean => {
    while (pos < b.length) {
      const size = b[pos]!;
      pos += 1 + size;
      if (size === 0) return true;
    }
    return false;
  };
  while (pos < b.length) {
    const block = b[pos]!;
    if (block === 0x3b) return pos + 1; // trailer
    if (block === 0x21) {
      pos += 2; // introducer + label
      if (!skipSubBlocks()) return null;
    } else if (block === 0x2c) {
      if (pos + 10 > b.length) return null;
      const local = b[pos + 9]!;
      pos += 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0);
      pos += 1; // LZW minimum code size
      if (!skipSubBlocks()) return null;
    } else {
      return null;
    }
  }
  return null;
}

function webpEnd(b: Uint8Array): number | null {
  if (b.length < 12) return null;
  const size = u32le(b, 4);
  const end = 8 + size + (size % 2);
  return end <= b.length ? end : null;
}

/** Top-level ISO-BMFF boxes an image file may hold. */
const TOP_LEVEL_BOXES = new Set(
  'ftyp meta mdat free skip moov moof mfra uuid styp sidx pdin wide meco emsg prft'.split(' '),
);

/** AVIF: `ftyp` first, boxes back to back, complete once the media data box (`mdat`) is whole. */
function isoBmffEnd(b: Uint8Array): number | null {
  let pos = 0;
  let sawMediaData = false;
  while (pos + 8 <= b.length) {
    const type = String.fromCharCode(b[pos + 4]!, b[pos + 5]!, b[pos + 6]!, b[pos + 7]!);
    if (pos === 0 && type !== 'ftyp') return null;
    if (!TOP_LEVEL_BOXES.has(type)) return sawMediaData ? pos : null; // not a box: appended data
    let size = u32be(b, pos);
    if (size === 1) {
      if (pos + 16 > b.length) return null;
      size = u32be(b, pos + 8) * 2 ** 32 + u32be(b, pos + 12);
    } else if (size === 0) {
      size = b.length - pos;
    }
    if (size < 8 || pos + size > b.length) return null;
    if (type === 'mdat') sawMediaData = true;
    pos += size;
  }
  return sawMediaData ? pos : null;
}

/** Whether the EXIF block (TIFF structure) has a GPS sub-directory in its first directory. */
export function exifHasGps(exif: Uint8Array | undefined): boolean {
  if (!exif || exif.length < 14) return false;
  // sharp gives the APP1 payload: "Exif\0\0" then the TIFF header.
  const base = exif[0] === 0x45 && exif[1] === 0x78 ? 6 : 0;
  const little = exif[base] === 0x49 && exif[base + 1] === 0x49;
  const u16 = (at: number) => (little ? exif[at]! | (exif[at + 1]! << 8) : u16be(exif, at));
  const u32 = (at: number) => (little ? u32le(exif, at) : u32be(exif, at));
  const ifd0 = base + u32(base + 4);
  if (ifd0 + 2 > exif.length) return false;
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > exif.length) return false;
    if (u16(entry) === 0x8825) return true;
  }
  return false;
}
