import { isChromePage } from '../catalog/slots.ts';

/** A section as a founder reads it: `Hero (home page)`, `Faq 2 (/about/)`, `Header (every page)`. */
export function sectionName(page: string, key: string): string {
  const words = key.replace(/[-_]+/g, ' ');
  const name = words.charAt(0).toUpperCase() + words.slice(1);
  const where = isChromePage(page) ? 'every page' : page === '' ? 'home page' : `/${page}/`;
  return `${name} (${where})`;
}
