import type { Queryable } from '../db/database.ts';
import type { Catalog } from './registry.ts';

/**
 * Records every template of the catalogue in `website_templates` (service role: founders cannot write
 * templates). A row that already holds the same definition is not rewritten: every build syncs, and rewriting
 * unchanged rows cost each one a write (the row is still locked until the transaction ends). `changed` is true for a template inserted or updated by this sync.
 */
/** The columns a sync writes, in the order of its parameters; `id` is the key. */
const COLUMNS = [
  'name',
  'description',
  'category',
  'version_hash',
  'template_code',
  'required_sections',
  'optional_sections',
  'pages',
  'matching_rules',
  'default_theme',
  'is_active',
] as const;

// A conflicting row is updated only when one of the columns differs (jsonb compares values, not text).
const UPSERT = `insert into public.website_templates (id, ${COLUMNS.join(', ')})
  values (${['id', ...COLUMNS].map((_, i) => `$${i + 1}`).join(', ')})
  on conflict (id) do update set ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
  where (${COLUMNS.map((c) => `website_templates.${c}`).join(', ')})
        is distinct from (${COLUMNS.map((c) => `excluded.${c}`).join(', ')})
  returning true as changed`;

export async function syncTemplates(
  tx: Queryable,
  catalog: Catalog,
): Promise<{ id: string; version_hash: string; changed: boolean }[]> {
  const out: { id: string; version_hash: string; changed: boolean }[] = [];
  for (const t of [...catalog.templates.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const required = t.pages.flatMap((p) => p.sections.filter((s) => s.required).map((s) => s.type));
    const optional = t.pages.flatMap((p) => p.sections.filter((s) => !s.required).map((s) => s.type));
    const values: Record<(typeof COLUMNS)[number], unknown> = {
      name: t.name,
      description: t.description,
      category: t.suits.categories?.[0] ?? null,
      version_hash: t.versionHash,
      template_code: JSON.stringify(t),
      required_sections: [...new Set(required)],
      optional_sections: [...new Set(optional)],
      pages: JSON.stringify(t.pages),
      matching_rules: JSON.stringify(t.suits),
      default_theme: t.theme,
      is_active: true,
    };
    const [row] = await tx.query<{ changed: boolean }>(UPSERT, [t.id, ...COLUMNS.map((c) => values[c])]);
    out.push({ id: t.id, version_hash: t.versionHash, changed: !!row?.changed });
  }
  return out;
}
