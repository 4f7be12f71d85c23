import type { Queryable } from '../db/database.ts';
import type { Catalog } from './registry.ts';

/**
 * Records every template of the catalogue in `website_templates` (service role: founders cannot write
 * templates). A row that already holds the same definition is left alone: every build syncs, and rewriting
 * unchanged rows cost each one a write. `changed` is true for a template inserted or updated by this sync.
 */
export async function syncTemplates(
  tx: Queryable,
  catalog: Catalog,
): Promise<{ id: string; version_hash: string; changed: boolean }[]> {
  const out: { id: string; version_hash: string; changed: boolean }[] = [];
  for (const t of [...catalog.templates.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const required = t.pages.flatMap((p) => p.sections.filter((s) => s.required).map((s) => s.type));
    const optional = t.pages.flatMap((p) => p.sections.filter((s) => !s.required).map((s) => s.type));
    const [row] = await tx.query<{ changed: boolean }>(
      `insert into public.website_templates
         (id, name, description, category, version_hash, template_code, required_sections, optional_sections,
          pages, matching_rules, default_theme, is_active)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true)
       on conflict (id) do update set
         name = excluded.name, description = excluded.description, category = excluded.category,
         version_hash = excluded.version_hash, template_code = excluded.template_code,
         required_sections = excluded.required_sections, optional_sections = excluded.optional_sections,
         pages = excluded.pages, matching_rules = excluded.matching_rules, default_theme = excluded.default_theme,
         is_active = true
       where (website_templates.name, website_templates.description, website_templates.category,
              website_templates.version_hash, website_templates.template_code, website_templates.required_sections,
              website_templates.optional_sections, website_templates.pages, website_templates.matching_rules,
              website_templates.default_theme, website_templates.is_active)
             is distinct from
             (excluded.name, excluded.description, excluded.category, excluded.version_hash, excluded.template_code,
              excluded.required_sections, excluded.optional_sections, excluded.pages, excluded.matching_rules,
              excluded.default_theme, excluded.is_active)
       returning true as changed`,
      [
        t.id,
        t.name,
        t.description,
        t.suits.categories?.[0] ?? null,
        t.versionHash,
        JSON.stringify(t),
        [...new Set(required)],
        [...new Set(optional)],
        JSON.stringify(t.pages),
        JSON.stringify(t.suits),
        t.theme,
      ],
    );
    out.push({ id: t.id, version_hash: t.versionHash, changed: !!row?.changed });
  }
  return out;
}
