import type { PaletteOption } from '../brand/palette-options.ts';
import { recordPaletteChoice } from '../brand/record-brand.ts';
import { addRevision, lowestConfidence } from '../content/revisions.ts';
import type { Queryable } from '../db/database.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { SiteSpec } from '../site/spec.ts';
import { roundCost } from '../writers/usage.ts';
import type { WrittenSection } from '../writers/written-site.ts';

/**
 * Records a generation: the founder's `generated_websites` row (one per founder; its build with
 * recordBuild) and a revision in `website_sections` for each written section, with its
 * provenance (and the hash of the DNA it read), writer, model, token usage,
 * input hash and alternatives. A reused section, or one whose content and
 * status are unchanged, keeps its current revision; an approved or
 * founder-edited current revision is never replaced by regeneration unless the
 * founder asked for the rewrite (`override`).
 */
export interface RecordInput {
  bundle: DnaBundle;
  templateId: string;
  /** The catalogue's version hash of the template that built the site (generated_websites.template_version). */
  templateVersion?: string | undefined;
  themeId: string;
  spec: SiteSpec;
  sections: WrittenSection[];
  branding: Record<string, unknown>;
  /** The palette options offered and the one in use (generated_websites.palette_options / selected_palette). */
  palette?: { options: PaletteOption[]; selected: number };
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
  // The build's folder and hash follow with recordBuild, in the same transaction.
  const [site] = await tx.query<{ id: string }>(
    `insert into public.generated_websites
       (user_id, template_id, theme_id, site_slug, site_structure, custom_branding, seo_metadata, template_version)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (site_slug) do update set
       template_id = excluded.template_id, theme_id = excluded.theme_id, site_structure = excluded.site_structure,
       custom_branding = excluded.custom_branding, seo_metadata = excluded.seo_metadata,
       template_version = excluded.template_version
     returning id`,
    [
      userId,
      input.templateId,
      input.themeId,
      input.bundle.user.slug,
      JSON.stringify(structure),
      JSON.stringify(input.branding),
      JSON.stringify(seo),
      input.templateVersion ?? null,
    ],
  );
  const websiteId = site!.id;
  if (input.palette) await recordPaletteChoice(tx, websiteId, input.palette);
  let written = 0;
  let kept = 0;
  for (const s of input.sections) {
    if (s.status === 'omitted') continue;
    if (s.origin === 'reused') {
      kept++;
      continue;
    }
    const content = s.content ?? {};
    // jsonb equality compares values, not key order or whitespace.
    const [current] = await tx.query<{
      id: string;
      same_content: boolean;
      status: string;
      edited_by_founder: boolean;
    }>(
      `select id, content = $4::jsonb as same_content, status, edited_by_founder
         from public.website_sections
        where website_id = $1 and page = $2 and section_key = $3 and is_current`,
      [websiteId, s.page, s.key, JSON.stringify(content)],
    );
    const provenance = { ...s.provenance, dna_hash: s.dnaHash };
    const usage = s.usage
      ? { ...s.usage, cost_usd: roundCost(s.usage.cost_usd), model: s.provenance.model ?? null }
      : null;
    if (current) {
      const protectedRevision = current.status === 'approved' || current.edited_by_founder;
      const same = current.same_content && (current.status === s.status || protectedRevision);
      if (protectedRevision && !s.override) {
        kept++;
        continue;
      }
      if (same) {
        // Same words: no new revision. Its bookkeeping follows this run (inputs, writer, alternatives, layout).
        await tx.query(
          `update public.website_sections
              set input_hash = $2, provenance = $3, alternatives = $4, variant = $5, position = $6,
                  writer = $7, model = $8, usage = coalesce($9, usage)
            where id = $1`,
          [
            current.id,
            s.inputHash,
            JSON.stringify(provenance),
            JSON.stringify(s.alternatives),
            s.variant,
            s.position,
            s.provenance.writer,
            s.provenance.model ?? null,
            usage && usage.calls > 0 ? JSON.stringify(usage) : null,
          ],
        );
        kept++;
        continue;
      }
    }
    await addRevision(
      tx,
      { website_id: websiteId, user_id: userId, page: s.page, section_key: s.key, section_type: s.type },
      {
        content,
        status: s.status,
        provenance,
        writer: s.provenance.writer,
        model: s.provenance.model ?? null,
        aiConfidence: lowestConfidence(s.provenance),
        missing: s.missing,
        alternatives: s.alternatives,
        inputHash: s.inputHash,
        usage,
        editedByFounder: false,
        variant: s.variant,
        position: s.position,
      },
    );
    written++;
  }
  return { websiteId, written, kept };
}

/**
 * The build of a recorded generation: its folder and hash, when it was built (the clock's time: the
 * transaction may have begun before the build ended), and `built` for a site never deployed. Called in recordGeneration's transaction once the build has succeeded, so a failed build leaves
 * no trace of the generation.
 */
export async function recordBuild(
  tx: Queryable,
  websiteId: string,
  build: { dir: string; hash: string },
): Promise<void> {
  await tx.query(
    `update public.generated_websites
        set build_dir = $2, build_hash = $3, last_built_at = clock_timestamp(),
            deployment_status = case when deployment_status = 'not_deployed' then 'built' else deployment_status end
      where id = $1`,
    [websiteId, build.dir, build.hash],
  );
}
