import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { sha256 } from '../media/content-hash.ts';
import { decodeForAnalysis, type OpenedImage, openImage, type RawPixels } from '../media/decode.ts';
import { extensionOf, sanitiseFileName, storedFileName } from './file-name.ts';
import { type ContainerFormat, exifHasGps, imageEnd } from './image-structure.ts';
import { type AllowedMime, allowedFormats, allowedList, limits } from './limits.ts';
import { inspectSvg, looksLikeSvg, rasteriseSvg } from './svg.ts';

/**
 * Decides whether an uploaded file may become a founder's media, from its
 * bytes alone (never its name or declared type): a format on the allow-list,
 * within the size and pixel limits (the pixel count is read from the header, so
 * a pixel bomb is refused without being decoded), no markup hidden in or after
 * the image, a complete container, and pixels that decode without error. SVG
 * is rasterised to PNG. Returns what to store, or a refusal naming the reason.
 */
export interface UploadInput {
  /** How the founder named the file (a path or a bare name); kept only as sanitised metadata. */
  name: string;
  bytes: Buffer;
  /** The MIME type a browser or client declared, if any (reported when it disagrees; never trusted). */
  declaredType?: string | undefined;
}

export interface AcceptedFile {
  /** The name as given, for messages. */
  source: string;
  originalName: string;
  /** What to store: the upload, trimmed of anything after the image's end, or the PNG of an SVG. */
  bytes: Buffer;
  sha256: string;
  storedName: string;
  mime: AllowedMime;
  ext: string;
  /** Stored pixel size (before EXIF orientation, as sharp and identify report it). */
  width: number;
  height: number;
  /** Size as displayed (orientation applied). */
  uprightWidth: number;
  uprightHeight: number;
  hasAlpha: boolean;
  /** Facts kept in file_buckets.metadata. */
  facts: Record<string, unknown>;
  /** Things the founder should know (neutralised content, a misleading name). */
  notes: string[];
  /** Upright RGBA pixels ≤ 400 px from the validating decode (for swatches). */
  pixels: RawPixels;
}

export interface Refusal {
  source: string;
  code: string;
  reason: string;
  hint: string;
}

export type Inspection = { ok: true; file: AcceptedFile } | { ok: false; refusal: Refusal };

/**
 * Markup a browser or server would act on. Compressed image data is close to random bytes, so each
 * pattern is long enough (tag name plus the character after it) that a 25 MB photo matches by chance
 * with a probability under one in a hundred thousand; a bare "<svg" would match about 1 % of them.
 */
const MARKUP =
  /<(?:script|html|body|iframe|object|embed|frameset)[\s>/]|<!doctype\s+html|<\?php\s|<svg(?:[\s/][^>]{0,200})?[\s/]on[a-z]+\s*=|javascript:/i;
const FORMAT_OF: Record<AllowedMime, ContainerFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};
const CHECK_FORMATS = `Upload a ${allowedList} image.`;

export async function inspectUpload(input: UploadInput): Promise<Inspection> {
  const source = input.name;
  const refuse = (code: string, reason: string, hint = CHECK_FORMATS): Inspection => ({
    ok: false,
    refusal: { source, code, reason, hint },
  });
  const notes: string[] = [];
  const original = sanitiseFileName(input.name);
  if (original.changed && original.name !== input.name.split(/[\\/]/).pop()) {
    notes.push(`The file name was cleaned for storage as "${original.name}".`);
  }
  let bytes = input.bytes;
  if (bytes.length === 0) return refuse('EMPTY', 'the file is empty (0 bytes)');
  if (bytes.length > limits.maxBytes) {
    return refuse(
      'TOO_LARGE',
      `the file is ${mib(bytes.length)}; the limit is ${mib(limits.maxBytes)}`,
      'Export a smaller version (the site never shows images wider than 1600 px).',
    );
  }

  const detected = await fileTypeFromBuffer(bytes);
  let mime: AllowedMime;
  let convertedFrom: string | null = null;
  if (!detected || detected.mime === 'application/xml') {
    const head = bytes.subarray(0, 4096).toString('utf8');
    if (!looksLikeSvg(head)) return refuse('NOT_AN_IMAGE', `it is not an image: ${describeText(head)}`);
    if (bytes.length > limits.maxSvgBytes) {
      return refuse(
        'TOO_LARGE',
        `the SVG is ${mib(bytes.length)}; the limit for SVG is ${mib(limits.maxSvgBytes)}`,
        'Simplify the drawing or export it as PNG.',
      );
    }
    const findings = inspectSvg(bytes.toString('utf8'));
    if (findings.refusal)
      return refuse('SVG_REFUSED', findings.refusal, 'Export the logo as PNG, or as a plain SVG.');
    try {
      bytes = await rasteriseSvg(bytes);
    } catch (error) {
      return refuse('CORRUPT', `the SVG cannot be drawn (${messageOf(error)})`);
    }
    convertedFrom = 'image/svg+xml';
    notes.push(
      findings.dropped.length
        ? `SVG converted to PNG; its ${findings.dropped.join(', ')} did not carry over (nothing of them is stored or published).`
        : 'SVG converted to PNG (SVG is never published as is).',
    );
    mime = 'image/png';
  } else if (Object.hasOwn(allowedFormats, detected.mime)) {
    mime = detected.mime as AllowedMime;
  } else {
    return refuse(
      'FORMAT_NOT_ALLOWED',
      `it is a ${detected.ext.toUpperCase()} file (${detected.mime}), which is not accepted`,
    );
  }
  const { ext, label } = allowedFormats[mime];

  if (!convertedFrom) {
    const named = extensionOf(input.name);
    const sameExt = named === ext || (ext === 'jpg' && named === 'jpeg');
    if (named && !sameExt) notes.push(`Named ".${named}" but the content is ${label}; stored as .${ext}.`);
    if (input.declaredType && input.declaredType.toLowerCase() !== mime) {
      notes.push(`Declared as ${input.declaredType} but the content is ${label}.`);
    }
    const text = bytes.toString('latin1');
    const markup = MARKUP.exec(text);
    const end = imageEnd(bytes, FORMAT_OF[mime]);
    if (markup) {
      const where =
        end !== null && markup.index >= end ? 'after the end of the image' : 'inside the image data';
      return refuse(
        'HIDDEN_MARKUP',
        `it carries HTML or script markup ("${markup[0]}") ${where}, the sign of a file made to be both an image and a web page`,
        'Open the image in an editor and export it again as a fresh file.',
      );
    }
    if (end === null) {
      return refuse(
        'TRUNCATED',
        `the ${label} data stops before the image ends (truncated or damaged)`,
        'Upload the complete file again.',
      );
    }
    if (end < bytes.length) {
      notes.push(`${bytes.length - end} bytes after the end of the ${label} image were removed.`);
      bytes = bytes.subarray(0, end);
    }
  }

  // The header alone (no pixels decoded) says how many pixels the file claims.
  let header: Metadata;
  try {
    header = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return refuse('CORRUPT', `the ${label} header cannot be read (${messageOf(error)})`);
  }
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  if (width * height > limits.maxPixels) {
    return refuse(
      'TOO_MANY_PIXELS',
      `it declares ${width} × ${height} pixels (${megapixels(width * height)}); the limit is ${megapixels(limits.maxPixels)}`,
      'Resize the image (2400 px on the longer side is plenty) and upload it again.',
    );
  }
  if (Math.min(width, height) < limits.minSide) {
    return refuse(
      'TOO_SMALL',
      `it is only ${width} × ${height} pixels; at least ${limits.minSide} px are needed on each side`,
      'Upload a larger version.',
    );
  }
  let opened: OpenedImage;
  let pixels: RawPixels;
  try {
    opened = await openImage(bytes);
    pixels = await decodeForAnalysis(opened);
  } catch (error) {
    return refuse(
      'CORRUPT',
      `its ${label} pixel data is damaged (${messageOf(error)})`,
      'Upload the complete file again.',
    );
  }

  const hash = sha256(bytes);
  const { metadata } = opened;
  const hasGps = exifHasGps(metadata.exif);
  if (hasGps) notes.push('It holds GPS location data: kept only in the private original, never published.');
  return {
    ok: true,
    file: {
      source,
      originalName: original.name,
      bytes,
      sha256: hash,
      storedName: storedFileName(hash, ext),
      mime,
      ext,
      width,
      height,
      uprightWidth: opened.width,
      uprightHeight: opened.height,
      hasAlpha: opened.hasAlpha,
      facts: {
        format: label,
        orientation: metadata.orientation ?? 1,
        upright_width: opened.width,
        upright_height: opened.height,
        has_alpha: opened.hasAlpha,
        has_exif: Boolean(metadata.exif),
        has_gps: hasGps,
        has_icc: Boolean(metadata.icc),
        has_xmp: Boolean(metadata.xmp),
        pages: metadata.pages ?? 1,
        ...(convertedFrom ? { converted_from: convertedFrom } : {}),
        ...(input.declaredType ? { declared_type: input.declaredType.slice(0, 100) } : {}),
        original_bytes: input.bytes.length,
      },
      notes,
      pixels,
    },
  };
}

function describeText(head: string): string {
  if (/^\s*<(!doctype html|html|head|body|script)\b/i.test(head)) return 'its content is HTML';
  if (/^\s*[{[]/.test(head)) return 'its content is JSON or text';
  if (!/[\p{Cc}\uFFFD]/u.test(head.replace(/[\t\n\r]/g, ''))) return 'its content is text';
  return 'its content matches no image format';
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MiB`;
const megapixels = (n: number) => `${(n / 1e6).toFixed(n < 1e6 ? 2 : 0)} MP`;
const messageOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')[0]!
    .replace(/^Input (buffer|file) /, '');
