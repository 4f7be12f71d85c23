import { openImage } from '../media/decode.ts';

/**
 * SVG uploads are never stored or published as SVG: an SVG is a document that
 * can carry scripts, event handlers, links and external references. It is
 * rasterised instead (librsvg through sharp: no script runs, and from a buffer
 * nothing external is fetched) to a PNG of RASTER_SIDE px, and the PNG is what
 * is stored. What the SVG carried that did not survive is reported. An SVG
 * that declares XML entities is refused outright (entity-expansion bombs and
 * external entities).
 */
const ROOT =
  /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+svg[^>[]*(\[[\s\S]*?\])?\s*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

export function looksLikeSvg(text: string): boolean {
  return ROOT.test(text);
}

export interface SvgFindings {
  /** Things the rasterisation removed, in words (for the founder). */
  dropped: string[];
  /** Why the SVG cannot be used at all, or null. */
  refusal: string | null;
}

export function inspectSvg(text: string): SvgFindings {
  if (/<!ENTITY/i.test(text)) {
    return {
      dropped: [],
      refusal: 'it declares XML entities (<!ENTITY>), which can expand without bound or read other files',
    };
  }
  const dropped: string[] = [];
  const scripts = text.match(/<script\b/gi)?.length ?? 0;
  if (scripts) dropped.push(`${scripts} <script> element${scripts > 1 ? 's' : ''}`);
  const handlers = new Set([...text.matchAll(/\s(on[a-z]+)\s*=/gi)].map((m) => m[1]!.toLowerCase()));
  if (handlers.size) dropped.push(`event handlers (${[...handlers].sort().join(', ')})`);
  if (/javascript:/i.test(text)) dropped.push('javascript: links');
  if (/<foreignObject\b/i.test(text)) dropped.push('embedded HTML (<foreignObject>)');
  if (/(?:xlink:)?href\s*=\s*["']\s*(?:https?:|file:|\/\/)/i.test(text))
    dropped.push('references to external files');
  return { dropped, refusal: null };
}

/** The SVG as a PNG (upright, transparent background kept). */
export async function rasteriseSvg(bytes: Buffer): Promise<Buffer> {
  const { image } = await openImage(bytes);
  return image.png({ compressionLevel: 9 }).toBuffer();
}
