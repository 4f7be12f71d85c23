import type { TemplateDefinition } from './define-template.ts';

/**
 * Where each page and section of a site lives: the one home of page and slot
 * identity. A page is stored by its slug ('' for the home page, 'about'); its
 * route is `hrefOf(slug)` ('/', '/about/'). The header and footer are stored
 * once for every page, under the chrome page `CHROME_PAGE`. A section's slot on
 * a page is its key: the n-th section of a type on a page is `type` (n = 1) or
 * `type-n`. `sectionRef(page, key)` names one slot of the whole site.
 */

/** The page the header and footer (shown on every page) are stored under. */
export const CHROME_PAGE = '*';

/** One section's place on a site, as the template declares it. */
export interface Slot {
  /** Page slug, or `CHROME_PAGE` for the header and footer. */
  page: string;
  /** Unique on its page: `type`, or `type-n` for the n-th section of a type. */
  key: string;
  type: string;
  /** The template's variant; undefined: the section's first variant. */
  variant: string | undefined;
  /** Order on the page, from 0. */
  position: number;
  required: boolean;
}

export function isChromePage(page: string): boolean {
  return page === CHROME_PAGE;
}

/** A page's route: '' → '/', 'about' → '/about/'. */
export function hrefOf(slug: string): string {
  return slug ? `/${slug}/` : '/';
}

/** A page as printed in data (JSON, summaries): its route, or `*` for the chrome. */
export function pagePath(page: string): string {
  return isChromePage(page) ? CHROME_PAGE : hrefOf(page);
}

/** A page in a sentence: its route, or "every page" for the chrome. */
export function pageInWords(page: string): string {
  return isChromePage(page) ? 'every page' : hrefOf(page);
}

/** A section in messages: `/about/ hero`, or just `header` for the chrome. */
export function slotLabel(page: string, key: string): string {
  return isChromePage(page) ? key : `${hrefOf(page)} ${key}`;
}

/** The key of the n-th (from 1) section of `type` on one page. */
export function slotKey(type: string, n: number): string {
  return n === 1 ? type : `${type}-${n}`;
}

/** The main sections of every page of the template, page by page, in order. */
export function slotsOf(template: TemplateDefinition): Slot[] {
  return template.pages.flatMap((page) => {
    const seen = new Map<string, number>();
    return page.sections.map((ref, position) => {
      const n = (seen.get(ref.type) ?? 0) + 1;
      seen.set(ref.type, n);
      return {
        page: page.slug,
        key: slotKey(ref.type, n),
        type: ref.type,
        variant: ref.variant,
        position,
        required: ref.required ?? false,
      };
    });
  });
}

/** The header and footer: required, on the chrome page. */
export function chromeSlots(template: TemplateDefinition): [header: Slot, footer: Slot] {
  const chrome = (type: 'header' | 'footer'): Slot => ({
    page: CHROME_PAGE,
    key: type,
    type,
    variant: template.chrome[type],
    position: 0,
    required: true,
  });
  return [chrome('header'), chrome('footer')];
}

/** The identity of a section on a site: page slug and section key. */
export function sectionRef(page: string, key: string): string {
  return `${page}|${key}`;
}

/** A section as the founder names it on the command line: `about/hero` (page slug, slash, key). */
export function slotName(page: string, key: string): string {
  return `${page}/${key}`;
}

/**
 * Reads a section name: `hero` (no page given: the home page, or the chrome)
 * or `about/hero` and `/about/hero` (page/key; the chrome page is `CHROME_PAGE`).
 */
export function parseSlotName(name: string): { page: string; key: string; pageGiven: boolean } {
  const slash = name.lastIndexOf('/');
  if (slash === -1) return { page: '', key: name.trim(), pageGiven: false };
  const page = name
    .slice(0, slash)
    .trim()
    .replace(/^\/+|\/+$/g, '');
  return { page, key: name.slice(slash + 1).trim(), pageGiven: true };
}
