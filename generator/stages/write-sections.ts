import type { TemplateDefinition } from '../catalog/define-template.ts';
import type { Catalog } from '../catalog/registry.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { SiteCopyState } from '../writers/compose-context.ts';
import type { Provenance, SectionDraft, Writer } from '../writers/writer.ts';

/**
 * Writes every section of the chosen template for one founder, never repeating a
 * sentence anywhere on the site. Main sections are
 * written page by page first; pages left with no main section are dropped; then
 * the header and footer are written with the surviving pages for navigation.
 */
export interface WrittenSection {
  page: string;
  key: string;
  type: string;
  variant: string;
  position: number;
  required: boolean;
  status: 'draft' | 'needs_input' | 'omitted';
  content: unknown;
  missing: string[];
  provenance: Provenance;
}

export interface WrittenSite {
  pages: { slug: string; label: string; sections: WrittenSection[] }[];
  header: WrittenSection;
  footer: WrittenSection;
  /** Everything, including omitted and needs_input sections (for the database and the founder). */
  all: WrittenSection[];
}

export const CHROME_PAGE = '*';

export async function writeSections(
  catalog: Catalog,
  template: TemplateDefinition,
  bundle: DnaBundle,
  writer: Writer,
): Promise<WrittenSite> {
  const all: WrittenSection[] = [];
  const pages: WrittenSite['pages'] = [];
  const plannedNav = template.pages.map((p) => ({ href: hrefOf(p.slug), label: p.label }));

  // One set for the whole site: a sentence appears once, on the first page (in template order) that uses it.
  const site: SiteCopyState = { usedSentences: new Set(), pages: plannedNav };
  for (const page of template.pages) {
    const written: WrittenSection[] = [];
    const seen = new Map<string, number>();
    for (const [position, ref] of page.sections.entries()) {
      const section = catalog.sections.get(ref.type)!;
      const n = (seen.get(ref.type) ?? 0) + 1;
      seen.set(ref.type, n);
      const key = n === 1 ? ref.type : `${ref.type}-${n}`;
      const draft = await writer.write({ section, bundle, page: page.slug, key, site });
      written.push(
        toWritten(
          page.slug,
          key,
          ref.type,
          ref.variant ?? section.variants[0],
          position,
          ref.required ?? false,
          draft,
        ),
      );
    }
    all.push(...written);
    if (written.some((w) => w.status === 'draft'))
      pages.push({ slug: page.slug, label: page.label, sections: written });
  }
  if (!pages.some((p) => p.slug === '')) {
    // The home page must exist: keep it even if only its required sections remain for the founder to fill.
    const home = template.pages[0];
    pages.unshift({ slug: '', label: home.label, sections: all.filter((w) => w.page === '') });
  }

  const nav = pages.map((p) => ({ href: hrefOf(p.slug), label: p.label }));
  const chrome = async (type: 'header' | 'footer', variant: string) => {
    const section = catalog.sections.get(type)!;
    const draft = await writer.write({
      section,
      bundle,
      page: CHROME_PAGE,
      key: type,
      site: { usedSentences: new Set(), pages: nav },
    });
    return toWritten(CHROME_PAGE, type, type, variant, 0, true, draft);
  };
  const header = await chrome('header', template.chrome.header);
  const footer = await chrome('footer', template.chrome.footer);
  all.push(header, footer);
  return { pages, header, footer, all };
}

export function hrefOf(slug: string): string {
  return slug ? `/${slug}/` : '/';
}

function toWritten(
  page: string,
  key: string,
  type: string,
  variant: string,
  position: number,
  required: boolean,
  draft: SectionDraft,
): WrittenSection {
  return {
    page,
    key,
    type,
    variant,
    position,
    required,
    status: draft.status,
    content: draft.content,
    missing: draft.status === 'draft' ? [] : draft.missing,
    provenance: draft.provenance,
  };
}
