import { LIMIT_INPUT_PIXELS } from '../media/decode.ts';

/** What an upload may be. Checked before anything is stored. */
export const limits = {
  /** Largest file accepted, in bytes (a 24-megapixel camera JPEG is 8–15 MB). */
  maxBytes: 25 * 1024 * 1024,
  /** Largest SVG accepted (it is rasterised; logos are a few kB to a few hundred). */
  maxSvgBytes: 2 * 1024 * 1024,
  /** Most pixels an image may declare; checked from the header, before decoding. */
  maxPixels: LIMIT_INPUT_PIXELS,
  /** Smallest side: anything smaller cannot fill a slot (a favicon needs 48 px). */
  minSide: 16,
  /** Longest original file name kept (as metadata only), in characters. */
  maxNameChars: 120,
  /** Longest alt text (sections show up to 200 characters). */
  maxAltChars: 200,
} as const;

/** The formats accepted from founders, by the MIME type detected from the bytes. */
export const allowedFormats = {
  'image/jpeg': { ext: 'jpg', label: 'JPEG' },
  'image/png': { ext: 'png', label: 'PNG' },
  'image/webp': { ext: 'webp', label: 'WebP' },
  'image/avif': { ext: 'avif', label: 'AVIF' },
  'image/gif': { ext: 'gif', label: 'GIF' },
} as const;

export type AllowedMime = keyof typeof allowedFormats;

export const allowedList = `${Object.values(allowedFormats)
  .map((f) => f.label)
  .join(', ')} or SVG`;
