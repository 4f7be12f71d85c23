import { createHash } from 'node:crypto';
import type { SiteSpec, SpecImage, SpecSection } from '../spec.ts';

/**
 * Blur placeholders: an opaque image is painted with a tiny inline image as its
 * background until it loads. The CSP allows no style="" attributes, and HTML
 * allows <style> only in the head, so each image gets a class (named by its
 * placeholder) and the page's head carries a <style> block per image the page
 * shows (the same image gives the same block, one CSP hash the build adds).
 */
export function placeholderOf(image: SpecImage): { className: string; css: string } | null {
  const data = image.placeholder;
  if (!data || !/^data:image\/(webp|png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(data)) return null;
  const className = `ph-${createHash('sha256').update(data).digest('hex').slice(0, 12)}`;
  // !important: section styles may set a plain background on their images (a surface colour while loading).
  return { className, css: `img.${className}{background:url("${data}") 50% 50%/cover no-repeat!important}` };
}

/** The placeholder rules of every image the given sections show (their content names images by spec key). */
export function placeholderCss(spec: SiteSpec, sections: SpecSection[]): string[] {
  const used = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (Object.hasOwn(spec.images, value)) used.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v);
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) walk(v);
    }
  };
  for (const section of sections) walk(section.content);
  const rules = new Set<string>();
  for (const key of [...used].sort()) {
    const rule = placeholderOf(spec.images[key]!);
    if (rule) rules.add(rule.css);
  }
  return [...rules];
}
