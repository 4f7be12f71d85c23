import { loadConfig } from '../config.ts';
import { asService } from '../db/roles.ts';
import type { AssetCategory } from '../dna/asset-categories.ts';
import { type AddedFile, addFiles } from '../files/add-files.ts';
import { describeMedia, listMedia, removeMediaRows, removeStoredObject } from '../files/manage-files.ts';
import { storageDriver } from '../files/storage/from-config.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printTable, warn } from './output.ts';
import { withDb } from './with-db.ts';

/** `dreamseed files …` (declared in commands/files.ts). */
export async function add(
  paths: string[],
  opts: JsonFlag & { user: string; category: AssetCategory; description?: string; name?: string },
): Promise<void> {
  const config = loadConfig();
  const storage = storageDriver(config);
  const added = await withDb((db) =>
    addFiles(
      {
        user: opts.user,
        files: paths.map((path) => ({ path })),
        category: opts.category,
        description: opts.description,
        assetName: opts.name,
      },
      { db, storage, cacheDir: config.cacheDir },
    ),
  );
  printResult(opts, { storage: storage.kind, bucket: storage.bucket, files: added }, () => {
    for (const file of added) printAdded(file);
  });
}

export async function list(opts: JsonFlag & { user: string }): Promise<void> {
  const items = await withDb((db) => asService(db, (tx) => listMedia(tx, opts.user)));
  printResult(opts, items, () => {
    if (!items.length) {
      info(`No media yet. Add some with: dreamseed files add --user ${opts.user} PATH…`);
      return;
    }
    printTable(
      items.map((i) => ({
        ...i,
        size: i.width && i.height ? `${i.width}×${i.height}` : null,
        primary: i.is_primary ? 'yes' : '',
      })),
      ['id', 'category', 'name', 'primary', 'size', 'dominant_color', 'alt'],
    );
    const missing = items.filter((i) => i.alt === 'needs_input').length;
    if (missing)
      info(`${missing} without alt text: they stay off the site until described (files describe).`);
  });
}

export async function describe(
  asset: string,
  text: string,
  opts: JsonFlag & { user?: string },
): Promise<void> {
  const result = await withDb((db) => asService(db, (tx) => describeMedia(tx, asset, text, opts.user)));
  printResult(opts, result, () => {
    info(`${paint('green', '✓')} ${asset}: "${result.description}"`);
    for (const note of result.notes) info(`  ${paint('dim', note)}`);
  });
}

export async function remove(asset: string, opts: JsonFlag & { user?: string }): Promise<void> {
  const config = loadConfig();
  const { removed, objectRemoved } = await withDb(async (db) => {
    const removed = await asService(db, (tx) => removeMediaRows(tx, asset, opts.user));
    let objectRemoved = false;
    if (removed.orphaned && removed.bucket) {
      try {
        objectRemoved = await removeStoredObject(storageDriver(config, removed.bucket), removed.storage_path);
      } catch (error) {
        warn(`the records are gone, but the stored file could not be removed: ${(error as Error).message}`);
      }
    }
    return { removed, objectRemoved };
  });
  for (const s of removed.shown_by) {
    const kept = s.status === 'approved' || s.edited_by_founder;
    warn(
      `${s.key} on /${s.page ? `${s.page}/` : ''} showed this image: ${kept ? `its ${s.status === 'approved' ? 'approved' : 'edited'} copy is kept and shown without it` : 'the next generate writes it anew'}.`,
    );
  }
  printResult(opts, { ...removed, object_removed: objectRemoved }, () =>
    info(`${paint('green', '✓')} removed ${asset}${objectRemoved ? ' and its stored file' : ''}`),
  );
}

function printAdded(file: AddedFile): void {
  const what = `${file.category}${file.is_primary ? ' (primary)' : ''}`;
  const verb = file.status === 'added' ? 'added' : 'already stored';
  info(
    `${paint('green', '✓')} ${verb} ${file.original_filename} → ${what}, ${file.width}×${file.height} ${file.mime_type}, ` +
      `${file.variants.count} variants, dominant colour ${file.palette.dominant ?? 'none'}`,
  );
  info(`  ${paint('dim', `id ${file.media_asset_id} · ${file.bucket}/${file.storage_path}`)}`);
  for (const note of file.notes) info(`  ${paint('dim', note)}`);
  if (file.alt.status === 'needs_input') {
    info(
      `  ${paint('yellow', 'needs input:')} no alt text yet, so the image stays off the site. Run: dreamseed files describe ${file.media_asset_id} "what the image shows"`,
    );
  }
}
