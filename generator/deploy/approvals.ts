import type { TemplateDefinition } from '../catalog/define-template.ts';
import { chromeSlots, hrefOf, pageInWords, pagePath, sectionRef, slotsOf } from '../catalog/slots.ts';
import type { Queryable } from '../db/database.ts';
import type { Json } from '../db/types.generated.ts';

/**
 * Which sections stand between a website and publishing. Required sections
 * (the template's `required: true` ones on the pages the site has, plus the
 * header and footer on every page) must be present in their current revision
 * and approved by the founder. Optional sections that will be published
 * without approval are reported as warnings, not refusals. Reads
 * `website_sections` only; approving is the sections workflow's job.
 */
export interface SectionIssue {
  /** The section's page as data names it everywhere (`/`, `/about/`, `*` for the header and footer); null for the whole site. */
  page: string | null;
  key: string | null;
  status: string;
  reason: string;
}

export interface ApprovalState {
  blocking: SectionIssue[];
  warnings: SectionIssue[];
}

export function requiredSectionKeys(
  template: TemplateDefinition,
  pagePaths: string[],
): { page: string; key: string }[] {
  const onSite = slotsOf(template).filter((slot) => slot.required && pagePaths.includes(hrefOf(slot.page)));
  return [...chromeSlots(template), ...onSite].map(({ page, key }) => ({ page, key }));
}

export function pagePathsOf(structure: Json | null): string[] {
  const pages = (structure as { pages?: { path?: unknown }[] } | null)?.pages;
  return Array.isArray(pages) ? pages.map((p) => String(p.path)) : ['/'];
}

export async function approvalState(
  tx: Queryable,
  websiteId: string,
  template: TemplateDefinition,
  structure: Json | null,
): Promise<ApprovalState> {
  const rows = await tx.query<{
    page: string;
    section_key: string;
    status: string;
    missing_fields: string[];
  }>(
    `select page, section_key, status, missing_fields from public.website_sections
      where website_id = $1 and is_current order by page, position, section_key`,
    [websiteId],
  );
  const byKey = new Map(rows.map((r) => [sectionRef(r.page, r.section_key), r]));
  const required = requiredSectionKeys(template, pagePathsOf(structure));
  const requiredSet = new Set(required.map((r) => sectionRef(r.page, r.key)));
  const state: ApprovalState = { blocking: [], warnings: [] };
  for (const r of required) {
    const row = byKey.get(sectionRef(r.page, r.key));
    const where = `Section "${r.key}" on ${pageInWords(r.page)}`;
    if (!row) {
      state.blocking.push({
        page: pagePath(r.page),
        key: r.key,
        status: 'missing',
        reason: `${where} has not been written: regenerate the site`,
      });
    } else if (row.status !== 'approved') {
      state.blocking.push({
        page: pagePath(r.page),
        key: r.key,
        status: row.status,
        reason: `${where} ${explain(row.status, row.missing_fields)}`,
      });
    }
  }
  for (const row of rows) {
    if (requiredSet.has(sectionRef(row.page, row.section_key)) || row.status === 'approved') continue;
    if (row.status === 'draft') {
      state.warnings.push({
        page: pagePath(row.page),
        key: row.section_key,
        status: row.status,
        reason: `Section "${row.section_key}" on ${pageInWords(row.page)} goes live without the founder's approval (draft)`,
      });
    }
  }
  return state;
}

function explain(status: string, missing: string[]): string {
  switch (status) {
    case 'draft':
      return 'is a draft: the founder has to approve it';
    case 'rejected':
      return 'was rejected by the founder: regenerate or edit it, then approve it';
    case 'needs_input':
      return `needs the founder's input${missing.length ? ` (${missing.join(', ')})` : ''}, then approval`;
    default:
      return `is ${status}, not approved`;
  }
}
