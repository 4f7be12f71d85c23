import type { Queryable } from '../db/database.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { SiteSpec } from '../site/spec.ts';
import type { WrittenSection } from '../stages/write-sections.ts';

/**
 * Records a generation: the founder's `generated_websites` row (one per founder)
 * and a revision in `website_sections` for each written section. A section whose
 * content and status are unchanged keeps its current revision; an approved or
 * founder-edited current revision is never replaced by regeneration.
 */
export interface RecordInput {
  bundle: DnaBundle;
  templateId: string;
  themeId: string;
  spec: SiteSpec;
  sections: WrittenSection[];
  buildDir: string;
  buildHash: string;
  branding: Record<string, unknown>;
}

export interface RecordResult {
  websiteId: string;
  written: number;
  kept: number;
}

export async function recordGeneration(tx: Queryable, input: RecordInput): Promise<RecordResult> {
  const userId = input.bundle.user.id;
  const seo = Object.fromEntries(
    input.spec.pages.map((p) => [p.path, { title: p.title, description: p.description }]),
  );
  const structure = {
    template: input.templateId,
    pages: input.spec.pages.map((p) => ({
      path: p.path,
      label: p.label,
      sections: p.sections.map((s) => s.key),
    })),
  };
  const [site] = await tx.query<{ id: string }>(
    `insert into public.generated_websites
       (user_id, template_id, theme_id, site_slug, site_structure, custom_branding, seo_metadata, build_dir, build_hash,
        deployment_status, last_built_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'built', now())
     on conflict (site_slug) do update set
       template_id = excluded.template_id, theme_id = excluded.theme_id, site_structure = excluded.site_structure,
       custom_branding = excluded.custom_branding, seo_metadata = excluded.seo_metadata, build_dir = excluded.build_dir,
       build_hash = excluded.build_hash, last_built_at = now(),
       deployment_status = case when generated_websites.deployment_status = 'not_deployed' then 'built'
                                else generated_websites.deployment_status end
     returning id`,
    [
      userId,
      input.templateId,
      input.themeId,
      input.bundle.user.slug,
      JSON.stringify(structure),
      JSON.stringify(input.branding),
      JSON.stringify(seo),
      input.buildDir,
      input.buildHash,
    ],
  );
  const websiteId = site!.id;
  let written = 0;
  let kept = 0;
  for (const s of input.sections) {
    if (s.status === 'omitted') continue;
    const content = s.content ?? {};
    // jsonb equality compares values, not key order or whitespace.
    const [current] = await tx.query<{
      id: string;
      revision: number;
      same_content: boolean;
      status: string;
      edited_by_founder: boolean;
    }>(
      `select id, revision, content = $4::jsonb as same_content, status, edited_by_founder
         from public.website_sections
        where website_id = $1 and page = $2 and section_key = $3 and is_current`,
      [websiteId, s.page, s.key, JSON.stringify(content)],
    );
    if (current) {
      const protectedRevision = current.status === 'approved' || current.edited_by_founder;
      const same = current.same_content && current.status === s.status;
      if (protectedRevision || same) {
        kept++;
        continue;
      }
      await tx.query('update public.website_sections set is_current = false where id = $1', [current.id]);
    }
    const confidences = s.provenance.fields
      .map((f) => f.confidence)
      .filter((c): c is number => typeof c === 'number');
    await tx.query(
      `insert into public.website_sections
         (website_id, user_id, page, section_key, section_type, variant, position, revision, is_current, content,
          provenance, writer, ai_confidence, status, missing_fields)
       values ($1, $2, $3, $4, $5, $6, $7, $8, true, $9, $10, $11, $12, $13, $14)`,
      [
        websiteId,
        userId,
        s.page,
        s.key,
        s.type,
        s.variant,
        s.position,
        (current?.revision ?? 0) + 1,
        JSON.stringify(content),
        JSON.stringify(s.provenance),
        s.provenance.writer,
        confidences.length ? Math.min(...confidences) : null,
        s.status,
        s.missing,
      ],
    );
    written++;
  }
  return { websiteId, written, kept };
}
