import { assetRefsIn } from '../content/asset-refs.ts';
import type { Queryable } from '../db/database.ts';
import { type AssetCategory, assetCategories } from '../dna/asset-categories.ts';
import { errors } from '../errors.ts';
import { requireAltText } from './alt-text.ts';
import { confirmDraft, type DraftInfo, descriptionOf } from './description-drafts.ts';
import type { StorageDriver } from './storage/driver.ts';
import { isStoragePath } from './storage/paths.ts';

/**
 * A founder's media after upload: list it (with what each item still needs),
 * describe an item (its alt text), remove an item (its rows, then its stored
 * original once nothing else points at it).
 */
export interface MediaItem {
  id: string;
  category: AssetCategory;
  name: string | null;
  is_primary: boolean;
  width: number | null;
  height: number | null;
  mime_type: string | null;
  dominant_color: string | null;
  alt: 'described' | 'needs_input';
  description: string | null;
  /** A description a vision model drafted, waiting for the founder's confirmation (never the alt text). */
  draft: string | null;
  bucket: string | null;
  storage_path: string | null;
  original_filename: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listMedia(tx: Queryable, idOrSlug: string): Promise<MediaItem[]> {
  const [user] = await tx.query<{ id: string }>(
    `select id from public.users where ${UUID.test(idOrSlug) ? 'id' : 'slug'} = $1`,
    [idOrSlug],
  );
  if (!user) throw errors.notFound('founder', idOrSlug, 'Run `dreamseed demo list` to see founders.');
  const rows = await tx.query<Omit<MediaItem, 'alt'>>(
    `select m.id, m.asset_category as category, m.asset_name as name, m.is_primary, m.width, m.height, m.mime_type,
            m.dominant_color, m.description,
            case when m.description is null or btrim(m.description) = '' then f.ai_description end as draft,
            f.bucket_name as bucket, m.storage_path, f.original_filename
       from public.media_assets m
       left join public.file_buckets f on f.id = m.file_bucket_id and f.user_id = m.user_id
      where m.user_id = $1
      order by m.asset_category, m.is_primary desc, m.sort_order, m.created_at`,
    [user.id],
  );
  return rows.map((r) => ({ ...r, alt: r.description?.trim() ? 'described' : 'needs_input' }));
}

export async function describeMedia(
  tx: Queryable,
  assetId: string,
  description: string,
  owner?: string,
): Promise<{ id: string; description: string; notes: string[] }> {
  await requireAsset(tx, assetId, owner);
  const alt = requireAltText(description);
  const rows = await tx.query<{ id: string }>(
    'update public.media_assets set description = $2 where id = $1 returning id',
    [assetId, alt.text],
  );
  if (!rows.length)
    throw errors.notFound('media asset', assetId, 'Run `dreamseed files list --user ID` to see ids.');
  return { id: assetId, description: alt.text, notes: alt.notes };
}

/** An asset's description and the model's draft, if any (`files describe ID`). */
export async function showDescription(
  tx: Queryable,
  assetId: string,
  owner?: string,
): Promise<{ id: string; description: string | null; draft: DraftInfo | null }> {
  await requireAsset(tx, assetId, owner);
  return descriptionOf(tx, assetId);
}

/** The founder confirms the drafted description: from now on it is the alt text (`files describe ID --confirm`). */
export async function confirmDescription(
  tx: Queryable,
  assetId: string,
  owner?: string,
): Promise<{ id: string; description: string; notes: string[] }> {
  await requireAsset(tx, assetId, owner);
  return confirmDraft(tx, assetId);
}

/**
 * Moves an asset to another category (`files categorise`, the studio's media
 * page). A category has at most one main (primary) item: the moved asset is the
 * new category's main one when it has none, and the category it left gets its
 * next item as main. The change requests a rebuild (the media trigger); the
 * sections that showed the image are named, since it may move out of them.
 */
export async function categoriseMedia(
  tx: Queryable,
  assetId: string,
  category: string,
  owner?: string,
): Promise<{
  id: string;
  from: AssetCategory;
  category: AssetCategory;
  is_primary: boolean;
  shown_by: { page: string; key: string }[];
}> {
  await requireAsset(tx, assetId, owner);
  if (!(assetCategories as readonly string[]).includes(category))
    throw errors.invalidInput(
      'The category',
      [`category: "${category}" is not one of ${assetCategories.join(', ')}`],
      'Choose one of the listed categories.',
    );
  const to = category as AssetCategory;
  const [row] = await tx.query<{ user_id: string; category: AssetCategory; is_primary: boolean }>(
    'select user_id, asset_category as category, is_primary from public.media_assets where id = $1',
    [assetId],
  );
  if (!row) throw errors.notFound('media asset', assetId, 'Run `dreamseed files list --user ID` to see ids.');
  const shownBy = (await shownIn(tx, assetId)).map(({ page, key }) => ({ page, key }));
  if (row.category === to)
    return { id: assetId, from: to, category: to, is_primary: row.is_primary, shown_by: [] };
  const [taken] = await tx.query(
    'select 1 from public.media_assets where user_id = $1 and asset_category = $2 and is_primary limit 1',
    [row.user_id, to],
  );
  await tx.query('update public.media_assets set asset_category = $2, is_primary = $3 where id = $1', [
    assetId,
    to,
    !taken,
  ]);
  if (row.is_primary)
    await tx.query(
      `update public.media_assets set is_primary = true
        where id = (select id from public.media_assets where user_id = $1 and asset_category = $2
                     order by sort_order, created_at, id limit 1)`,
      [row.user_id, row.category],
    );
  return { id: assetId, from: row.category, category: to, is_primary: !taken, shown_by: shownBy };
}

/** The current sections whose content shows the asset. */
async function shownIn(
  tx: Queryable,
  assetId: string,
): Promise<{ page: string; key: string; status: string; edited_by_founder: boolean }[]> {
  const sections = await tx.query<{
    page: string;
    section_key: string;
    status: string;
    edited_by_founder: boolean;
    content: unknown;
  }>(
    `select s.page, s.section_key, s.status, s.edited_by_founder, s.content
       from public.website_sections s
      where s.is_current and s.user_id = (select user_id from public.media_assets where id = $1)
      order by s.page, s.position`,
    [assetId],
  );
  return sections
    .filter((s) => assetRefsIn(s.content).includes(assetId))
    .map((s) => ({
      page: s.page,
      key: s.section_key,
      status: s.status,
      edited_by_founder: s.edited_by_founder,
    }));
}

/** Deletes the asset's rows; returns the stored object to remove once the transaction has committed. */
export async function removeMediaRows(
  tx: Queryable,
  assetId: string,
  owner?: string,
): Promise<{
  id: string;
  bucket: string | null;
  storage_path: string | null;
  orphaned: boolean;
  /** Current sections that showed the image: the next generate writes drafts anew and shows approved or edited copy without it. */
  shown_by: { page: string; key: string; status: string; edited_by_founder: boolean }[];
}> {
  await requireAsset(tx, assetId, owner);
  const shownBy = await shownIn(tx, assetId);
  const [row] = await tx.query<{
    file_bucket_id: string | null;
    bucket: string | null;
    storage_path: string | null;
  }>(
    `select m.file_bucket_id, f.bucket_name as bucket, f.storage_path
       from public.media_assets m
       left join public.file_buckets f on f.id = m.file_bucket_id and f.user_id = m.user_id
      where m.id = $1`,
    [assetId],
  );
  if (row) await tx.query('delete from public.media_assets where id = $1', [assetId]);
  if (!row) throw errors.notFound('media asset', assetId, 'Run `dreamseed files list --user ID` to see ids.');
  let orphaned = false;
  if (row.file_bucket_id) {
    const [still] = await tx.query('select 1 from public.media_assets where file_bucket_id = $1 limit 1', [
      row.file_bucket_id,
    ]);
    if (!still) {
      await tx.query('delete from public.file_buckets where id = $1', [row.file_bucket_id]);
      orphaned = true;
    }
  }
  return { id: assetId, bucket: row.bucket, storage_path: row.storage_path, orphaned, shown_by: shownBy };
}

/** Removes a stored original after its rows are gone (content-addressed: no other row may use it). */
export async function removeStoredObject(storage: StorageDriver, path: string | null): Promise<boolean> {
  if (!path || !isStoragePath(path)) return false;
  await storage.remove([path]);
  return true;
}

/** With `--user`, the asset must be that founder's (user id or slug): a mistyped id never touches another's file. */
async function requireOwner(tx: Queryable, assetId: string, owner: string): Promise<void> {
  const [row] = await tx.query<{ ok: boolean }>(
    `select exists (select 1 from public.media_assets m join public.users u on u.id = m.user_id
                     where m.id = $1 and (u.id::text = $2 or u.slug = $2)) as ok`,
    [assetId, owner],
  );
  if (!row?.ok)
    throw errors.notFound(
      'media asset',
      assetId,
      `It is not one of ${owner}'s files: run \`dreamseed files list --user ${owner}\` to see theirs.`,
    );
}

/** A media asset id (a UUID), and with `owner`, one of that founder's assets. */
async function requireAsset(tx: Queryable, assetId: string, owner: string | undefined): Promise<void> {
  requireAssetId(assetId);
  if (owner) await requireOwner(tx, assetId, owner);
}

function requireAssetId(id: string): void {
  if (!UUID.test(id)) {
    throw errors.usage(
      `"${id}" is not a media asset id (a UUID).`,
      'Run `dreamseed files list --user ID` to see ids.',
    );
  }
}
