import type { Database } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { type DescriptionDraftRow, storeDraft, undescribedMedia } from '../files/description-drafts.ts';
import { openImage } from '../media/decode.ts';
import type { Writer } from '../writers/writer.ts';

/**
 * Drafts descriptions for a founder's undescribed photos with the AI writer's
 * vision-capable model, and stores them as drafts for the founder to confirm
 * (`files/description-drafts.ts`). A photo gets a draft once per image (the
 * content hash): a repeated run asks again only for a new image. The offline
 * writer drafts nothing; either way the drafts waiting for the founder are
 * returned, so that `generate` can say which photos wait for what.
 *
 * The model sees a re-encoded copy of the image (upright, at most 1024 px, no
 * EXIF or GPS), never the founder's file or any fact of the business.
 */
export interface DescriptionDrafts {
  /** Undescribed media (asset id) with a draft waiting for the founder's confirmation. */
  waiting: Map<string, string>;
  /** Drafts made in this run. */
  drafted: number;
  /** Why a draft could not be made, per asset id. */
  failed: Map<string, string>;
}

const SIDE = 1024;

export async function draftDescriptions(
  db: Database,
  bundle: DnaBundle,
  writer: Writer,
): Promise<DescriptionDrafts> {
  const rows = await asService(db, (tx) => undescribedMedia(tx, bundle.user.id));
  const waiting = new Map<string, string>();
  const failed = new Map<string, string>();
  const todo: DescriptionDraftRow[] = [];
  for (const row of rows) {
    const current = row.draft?.trim() && (row.drafted_for === null || row.drafted_for === row.content_hash);
    if (current) waiting.set(row.media_asset_id, row.draft!);
    else todo.push(row);
  }
  const describe = writer.describeImage?.bind(writer);
  if (!describe || !todo.length) return { waiting, drafted: 0, failed };

  const made: { row: DescriptionDraftRow; text: string; model: string }[] = [];
  await Promise.all(
    todo.map(async (row) => {
      const path = bundle.media.find((m) => m.id === row.media_asset_id)?.path;
      if (!path) {
        failed.set(row.media_asset_id, 'its stored file could not be read');
        return;
      }
      let jpeg: Buffer;
      try {
        const { image } = await openImage(path);
        jpeg = await image
          .clone()
          .resize({ width: SIDE, height: SIDE, fit: 'inside', withoutEnlargement: true })
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 80 })
          .toBuffer();
      } catch (error) {
        failed.set(row.media_asset_id, `the image could not be read (${(error as Error).message})`);
        return;
      }
      const draft = await describe({ jpeg }, bundle);
      if (!draft.ok) {
        failed.set(row.media_asset_id, draft.reason);
        return;
      }
      made.push({ row, text: draft.text, model: draft.model });
    }),
  );
  // One transaction, after the model calls (the embedded database is a single session).
  await asService(db, async (tx) => {
    for (const m of made) await storeDraft(tx, m.row, m);
  });
  for (const m of made) waiting.set(m.row.media_asset_id, m.text);
  return { waiting, drafted: made.length, failed };
}
