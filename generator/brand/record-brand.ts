import type { Queryable } from '../db/database.ts';
import type { PaletteOption } from './palette-options.ts';
import type { MediaSwatches } from './swatches.ts';

/**
 * The brand's database side: the founder's palette pick is read before the
 * brand stage runs, the options offered and the pick in use are stored on
 * `generated_websites`, and swatches computed during a build are stored on the
 * `media_assets` rows they came from (with the image hash they belong to).
 */

/** The palette the founder picked for their site (`generated_websites.selected_palette`), if any. */
export async function storedPaletteChoice(tx: Queryable, userId: string): Promise<number | null> {
  const [row] = await tx.query<{ selected_palette: number | null }>(
    `select selected_palette from public.generated_websites
      where user_id = $1 order by updated_at desc limit 1`,
    [userId],
  );
  return row?.selected_palette ?? null;
}

export async function recordPaletteChoice(
  tx: Queryable,
  websiteId: string,
  palette: { options: PaletteOption[]; selected: number },
): Promise<void> {
  const options = palette.options.map((o, index) => ({
    index,
    id: o.id,
    label: o.label,
    source: o.source,
    roles: o.roles,
  }));
  await tx.query(
    'update public.generated_websites set palette_options = $2, selected_palette = $3 where id = $1',
    [websiteId, JSON.stringify(options), palette.selected],
  );
}

export async function recordMediaSwatches(
  tx: Queryable,
  userId: string,
  list: MediaSwatches[],
): Promise<number> {
  let updated = 0;
  for (const m of list) {
    const rows = await tx.query(
      `update public.media_assets
          set color_palette = $3, dominant_color = $4, palette_source_hash = $5
        where id = $1 and user_id = $2 and palette_source_hash is distinct from $5
        returning id`,
      [m.assetId, userId, JSON.stringify(m.swatches), m.swatches.dominant, m.sourceHash],
    );
    updated += rows.length;
  }
  return updated;
}

/** The palette options a build offered the founder (as recordPaletteChoice stores them). */
export interface StoredPaletteOption {
  index: number;
  id: string;
  label: string;
  source: PaletteOption['source'];
  roles: PaletteOption['roles'];
}

/** The options the latest build of a site offered and the pick in use; null before the first build recorded them. */
export async function storedPaletteOptions(
  tx: Queryable,
  websiteId: string,
): Promise<{ options: StoredPaletteOption[]; selected: number } | null> {
  const [row] = await tx.query<{
    palette_options: StoredPaletteOption[] | null;
    selected_palette: number | null;
  }>('select palette_options, selected_palette from public.generated_websites where id = $1', [websiteId]);
  if (!row?.palette_options?.length) return null;
  return { options: row.palette_options, selected: row.selected_palette ?? 0 };
}

/** Stores the founder's pick without a build; the next build uses it (storedPaletteChoice). */
export async function storePaletteChoice(tx: Queryable, websiteId: string, selected: number): Promise<void> {
  await tx.query('update public.generated_websites set selected_palette = $2 where id = $1', [
    websiteId,
    selected,
  ]);
}
