/**
 * The founder's images a section's content shows: every `{ asset, alt }` image
 * reference (catalog/content-schema.ts `imageRef`), wherever it sits in the
 * content. Used to refuse an edit naming an image the founder does not have, to
 * warn before removing an image a section shows, and to keep approved copy
 * whose image was removed (without the image) instead of failing the build.
 */
type ImageRef = { asset: string; alt: string };

function isImageRef(value: unknown): value is ImageRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as ImageRef).asset === 'string' &&
    typeof (value as ImageRef).alt === 'string'
  );
}

export function assetRefsIn(content: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (isImageRef(value)) out.push(value.asset);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(content);
  return out;
}

/** A copy of the content without the image references to `gone` (a field is removed, a list item dropped). */
export function withoutAssets(content: unknown, gone: ReadonlySet<string>): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.filter((item) => !(isImageRef(item) && gone.has(item.asset))).map(strip);
    }
    if (typeof value === 'object' && value !== null && !isImageRef(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        if (isImageRef(child) && gone.has(child.asset)) continue;
        out[key] = strip(child);
      }
      return out;
    }
    return value;
  };
  return strip(content);
}
