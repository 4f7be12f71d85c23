import type { Queryable } from '../db/database.ts';
import { errors } from '../errors.ts';
import { requireAltText } from './alt-text.ts';

/**
 * Descriptions a vision model drafted for a founder's undescribed photos.
 * A draft lives in `file_buckets.ai_description` (the specification's "AI
 * descriptions"), with `metadata.ai_description` recording the model, when it
 * was drafted, for which image (content hash) and whether the founder
 * confirmed it. It is never the alt text: only `media_assets.description` is,
 * and a draft gets there only when the founder confirms it (`files describe
 * ID --confirm`) or writes their own words. Sites are built from
 * `media_assets.description` alone, so no draft reaches a preview or a
 * published site.
 */
export interface DescriptionDraftRow {
  media_asset_id: string;
  file_bucket_id: string;
  category: string;
  name: string | null;
  content_hash: string | null;
  /** The stored draft, if any, and the image it was drafted for. */
  draft: string | null;
  drafted_for: string | null;
}

export interface DraftInfo {
  text: string;
  model: string | null;
  drafted_at: string | null;
  confirmed_at: string | null;
}

/** Media a description is needed for (photos, team and product shots without one) that have a stored file. */
export async function undescribedMedia(tx: Queryable, userId: string): Promise<DescriptionDraftRow[]> {
  return tx.query<DescriptionDraftRow>(
    `select m.id as media_asset_id, f.id as file_bucket_id, m.asset_category as category, m.asset_name as name,
            m.content_hash, f.ai_description as draft, f.metadata -> 'ai_description' ->> 'content_hash' as drafted_for
       from public.media_assets m
       join public.file_buckets f on f.id = m.file_bucket_id and f.user_id = m.user_id
      where m.user_id = $1 and m.asset_category in ('photo', 'team', 'product')
        and (m.description is null or btrim(m.description) = '')
      order by m.asset_category, m.is_primary desc, m.sort_order, m.created_at`,
    [userId],
  );
}

/** Stores a model's draft for the image (unconfirmed). */
export async function storeDraft(
  tx: Queryable,
  row: Pick<DescriptionDraftRow, 'file_bucket_id' | 'content_hash'>,
  draft: { text: string; model: string },
): Promise<void> {
  await tx.query(
    `update public.file_buckets
        set ai_description = $2,
            metadata = metadata || jsonb_build_object('ai_description', jsonb_build_object(
              'model', $3::text, 'drafted_at', now(), 'content_hash', $4::text, 'confirmed_at', null))
      where id = $1`,
    [row.file_bucket_id, draft.text, draft.model, row.content_hash],
  );
}

/** The founder's description and the model's draft (if any) of one asset. */
export async function descriptionOf(
  tx: Queryable,
  assetId: string,
): Promise<{ id: string; description: string | null; draft: DraftInfo | null }> {
  const [row] = await tx.query<{
    description: string | null;
    draft: string | null;
    meta: { model?: string; drafted_at?: string; confirmed_at?: string | null } | null;
  }>(
    `select m.description, f.ai_description as draft, f.metadata -> 'ai_description' as meta
       from public.media_assets m
       left join public.file_buckets f on f.id = m.file_bucket_id and f.user_id = m.user_id
      where m.id = $1`,
    [assetId],
  );
  if (!row) throw errors.notFound('media asset', assetId, 'Run `dreamseed files list --user ID` to see ids.');
  const draft = row.draft?.trim()
    ? {
        text: row.draft,
        model: row.meta?.model ?? null,
        drafted_at: row.meta?.drafted_at ?? null,
        confirmed_at: row.meta?.confirmed_at ?? null,
      }
    : null;
  return { id: assetId, description: row.description?.trim() ? row.description : null, draft };
}

/** The founder confirms the model's draft: it becomes the asset's description (its alt text). */
export async function confirmDraft(
  tx: Queryable,
  assetId: string,
): Promise<{ id: string; description: string; notes: string[] }> {
  const { draft } = await descriptionOf(tx, assetId);
  if (!draft)
    throw errors.usage(
      `${assetId} has no drafted description to confirm.`,
      `Describe it in your own words: dreamseed files describe ${assetId} "what the image shows"`,
    );
  const alt = requireAltText(draft.text, 'The drafted description');
  await tx.query('update public.media_assets set description = $2 where id = $1', [assetId, alt.text]);
  await tx.query(
    `update public.file_buckets f
        set metadata = jsonb_set(f.metadata, '{ai_description,confirmed_at}', to_jsonb(now()))
       from public.media_assets m
      where m.id = $1 and f.id = m.file_bucket_id and f.user_id = m.user_id`,
    [assetId],
  );
  return { id: assetId, description: alt.text, notes: alt.notes };
}
