import type { TemplateDefinition } from '../catalog/define-template.ts';
import type { Queryable } from '../db/database.ts';
import type { Json } from '../db/types.generated.ts';
import { CHROME_PAGE } from '../stages/write-sections.ts';

/**
 * Which sections stand between a website and publishing. Required sections
 * (the template's `required: true` ones on the pages the site has, plus the
 * header and footer on every page) must be present in their current revision
 * and approved by the founder. Optional sections that will be published
 * without approval are reported as warnings, not refusals. Reads
 * `website_sections` only; approving is the sections workflow's job.
 */
export interface SectionIssue {
  page: string;
  key: string;
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
  const out: { page: string; key: string }[] = [
    { page: CHROME_PAGE, key: 'header' },
    { page: CHROME_PAGE, key: 'footer' },
  ];
  for (const page of template.pages) {
    if (!pagePaths.includes(page.slug ? `/${page.slug}/` : '/')) continue;
    const seen = new Map<string, number>();
    for (const ref of page.sections) {
      const n = (seen.get(ref.type) ?? 0) + 1;
      seen.set(ref.type, n);
      if (ref.required) out.push({ page: page.slug, key: n === 1 ? ref.type : `${ref.type}-${n}` });
    }
  }
  return out;
}

export function pagePathsOf(structure: Json | null): string[] {
  const pages = (structure as { pages?: { path?: unknown }[] } | null)?.pages;
  return Array.isArray(pages) ? pages.map((p) => String(p.path)) : ['/'];
}

export function displayPage(page: string): string {
  return page === CHROME_PAGE ? 'every page' : page ? `/${page}/` : '/';
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
  const byKey = new Map(rows.map((r) => [`${r.page}\0${r.section_key}`, r]));
  const required = requiredSectionKeys(template, pagePathsOf(structure));
  const requiredSet = new Set(required.map((r) => `${r.page}\0${r.key}`));
  const state: ApprovalState = { blocking: [], warnings: [] };
  for (const r of required) {
    const row = byKey.get(`${r.page}\0${r.key}`);
    const where = `Section "${r.key}" on ${displayPage(r.page)}`;
    if (!row) {
      state.blocking.push({
        page: r.page,
        key: r.key,
        status: 'missing',
        reason: `${where} has not been written: regenerate the site`,
      });
    } else if (row.status !== 'approved') {
      state.blocking.push({
        page: r.page,
        key: r.key,
        status: row.status,
        reason: `${where} ${explain(row.status, row.missing_fields)}`,
      });
    }
  }
  for (const row of rows) {
    if (requiredSet.has(`${row.page}\0${row.section_key}`) || row.status === 'approved') continue;
    if (row.status === 'draft') {
      state.warnings.push({
        page: row.page,
        key: row.section_key,
        status: row.status,
        reason: `Section "${row.section_key}" on ${displayPage(row.page)} goes live without the founder's approval (draft)`,
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
