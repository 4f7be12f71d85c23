import { loadConfig } from '../config.ts';
import { asService } from '../db/roles.ts';
import type { AssetCategory } from '../dna/asset-categories.ts';
import { errors } from '../errors.ts';
import { type AddedFile, addFiles } from '../files/add-files.ts';
import {
  categoriseMedia,
  confirmDescription,
  describeMedia,
  listMedia,
  removeMediaRows,
  removeStoredObject,
  showDescription,
} from '../files/manage-files.ts';
import { storageDriver } from '../files/storage/from-config.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printTable, warn } from './output.ts';
import { withDb } from './with-db.ts';

/** `dreamseed files …` (declared in commands/files.ts). */
export async function add(
  paths: string[],
  opts: JsonFlag & { user: string; category?: AssetCategory; description?: string; name?: string },
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
    const missing = items.filter((i) => i.alt === 'needs_input' && i.category !== 'logo').length;
    const drafts = items.filter((i) => i.draft).length;
    if (missing)
      info(
        `${missing} without a description: shown only as decoration (a hero background) until described, never in a gallery (files describe ID).${drafts ? ` ${drafts} have an AI draft waiting for your confirmation (files describe ID shows it).` : ''}`,
      );
  });
}

export async function describe(
  asset: string,
  text: string | undefined,
  opts: JsonFlag & { user?: string; confirm?: boolean },
): Promise<void> {
  if (text !== undefined && opts.confirm)
    throw errors.usage(
      'Give a description or --confirm, not both.',
      `--confirm uses the drafted description; to change it, give your own: dreamseed files describe ${asset} "what it shows"`,
    );
  if (text === undefined && !opts.confirm) {
    const shown = await withDb((db) => asService(db, (tx) => showDescription(tx, asset, opts.user)));
    printResult(opts, shown, () => {
      info(
        `${asset}: ${shown.description ? `"${shown.description}"` : paint('yellow', 'no description yet')}`,
      );
      if (shown.draft && !shown.description) {
        info(
          `  AI draft (${shown.draft.model ?? 'a model'}, not your words until you confirm it): "${shown.draft.text}"`,
        );
        info(
          `  Use it: dreamseed files describe ${asset} --confirm · or write your own: dreamseed files describe ${asset} "what it shows"`,
        );
      }
    });
    return;
  }
  const result = await withDb((db) =>
    asService(db, (tx) =>
      opts.confirm ? confirmDescription(tx, asset, opts.user) : describeMedia(tx, asset, text!, opts.user),
    ),
  );
  printResult(opts, { ...result, confirmed_draft: Boolean(opts.confirm) }, () => {
    info(`${paint('green', '✓')} ${asset}: "${result.description}"`);
    for (const note of result.notes) info(`  ${paint('dim', note)}`);
  });
}

export async function categorise(
  asset: string,
  category: string,
  opts: JsonFlag & { user?: string },
): Promise<void> {
  const result = await withDb((db) => asService(db, (tx) => categoriseMedia(tx, asset, category, opts.user)));
  for (const s of result.shown_by)
    warn(
      `${s.key} on /${s.page ? `${s.page}/` : ''} showed this image: the next build places it by its new category.`,
    );
  printResult(opts, result, () =>
    info(
      result.from === result.category
        ? `${asset} is already ${result.category}.`
        : `${paint('green', '✓')} ${asset}: ${result.from} → ${result.category}${result.is_primary ? ' (its main image)' : ''}; the site rebuilds when a worker runs.`,
    ),
  );
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
  const choice = file.category_choice;
  if (choice.by === 'suggested')
    info(
      `  ${paint('dim', `${choice.category}, suggested: ${choice.reasons.join(', ')} (--category to choose another)`)}`,
    );
  info(`  ${paint('dim', `id ${file.media_asset_id} · ${file.bucket}/${file.storage_path}`)}`);
  for (const note of file.notes) info(`  ${paint('dim', note)}`);
  if (file.alt.status === 'needs_input' && file.category !== 'logo') {
    info(
      `  ${paint('yellow', 'needs input:')} no description yet, so the image is shown only as decoration (a hero background), never in a gallery. Run: dreamseed files describe ${file.media_asset_id} "what the image shows"`,
    );
  }
}
