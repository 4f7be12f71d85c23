import type { Catalog } from '../catalog/registry.ts';
import { hasBrief } from '../catalog/section-brief.ts';
import { hrefOf, isChromePage } from '../catalog/slots.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { SectionRow } from './revisions.ts';
import { dnaHash, sectionInputs } from './section-inputs.ts';

/**
 * Which of a founder's sections are stale: a fact the section reads has changed
 * since its current revision was written (its DNA hash differs). `dreamseed
 * generate` rewrites exactly these (unless approved or edited by the founder,
 * which are kept and reported).
 */
export function staleSections(
  catalog: Catalog,
  bundle: DnaBundle,
  rows: readonly SectionRow[],
  structure: { template?: string; pages?: { path: string; label: string }[] } | null,
): Set<string> {
  const template = structure?.template ? catalog.templates.get(structure.template) : undefined;
  const planned = template?.pages.map((p) => ({ href: hrefOf(p.slug), label: p.label })) ?? [];
  const nav = (structure?.pages ?? []).map((p) => ({ href: p.path, label: p.label }));
  const stale = new Set<string>();
  for (const row of rows) {
    const section = catalog.sections.get(row.section_type);
    if (!section) continue;
    const pages = isChromePage(row.page) ? nav : planned;
    const hash = dnaHash(sectionInputs(section, bundle, pages, { voice: hasBrief(section) }));
    if (row.provenance?.dna_hash !== hash) stale.add(row.id);
  }
  return stale;
}
