import { type Command, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { asService } from '../db/roles.ts';
import { assetCategories } from '../dna/schema.ts';
import { errors } from '../errors.ts';
import { type AddedFile, addFiles } from '../files/add-files.ts';
import {
  confirmDescription,
  describeMedia,
  listMedia,
  removeMediaRows,
  removeStoredObject,
  showDescription,
} from '../files/manage-files.ts';
import { storageDriver } from '../files/storage/from-config.ts';
import { info, paint, printJson, printTable, warn } from './output.ts';

/**
 * `dreamseed files`: a founder's logo and photos. `add` checks every file from
 * its bytes (refusing the whole batch if one is unsafe or unusable), stores
 * the originals (embedded store, or Supabase Storage when configured) and
 * records them; `list`, `describe` (alt text) and `remove` manage them.
 */
export function registerFilesCommands(program: Command): void {
  const files = program
    .command('files')
    .description("a founder's logo and photos: add, list, describe, remove");

  files
    .command('add')
    .description(
      'check, store and record images for a founder (JPEG, PNG, WebP, AVIF, GIF; SVG is rasterised)',
    )
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .argument('<paths...>', 'image files')
    .addOption(
      new Option(
        '--category <category>',
        'what the images are (default: logo or photo, suggested for each file from its pixels)',
      ).choices([...assetCategories]),
    )
    .option('--description <text>', 'alt text: what the image shows (one file at a time)')
    .option('--name <name>', 'a display name for the image (default: its file name)')
    .option('--json', 'print the added files as JSON')
    .action(
      async (
        paths: string[],
        opts: {
          user: string;
          category?: (typeof assetCategories)[number];
          description?: string;
          name?: string;
          json?: boolean;
        },
      ) => {
        const config = loadConfig();
        const storage = storageDriver(config);
        const db = await openDatabase();
        try {
          const added = await addFiles(
            {
              user: opts.user,
              files: paths.map((path) => ({ path })),
              category: opts.category,
              description: opts.description,
              assetName: opts.name,
            },
            { db, storage, cacheDir: config.cacheDir },
          );
          if (opts.json) printJson({ storage: storage.kind, bucket: storage.bucket, files: added });
          else for (const file of added) printAdded(file);
        } finally {
          await db.close();
        }
      },
    );

  files
    .command('list')
    .description("a founder's media, with what each item still needs")
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .option('--json', 'print as JSON')
    .action(async (opts: { user: string; json?: boolean }) => {
      const db = await openDatabase();
      try {
        const items = await asService(db, (tx) => listMedia(tx, opts.user));
        if (opts.json) printJson(items);
        else if (!items.length)
          info(`No media yet. Add some with: dreamseed files add --user ${opts.user} PATH…`);
        else {
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
        }
      } finally {
        await db.close();
      }
    });

  files
    .command('describe')
    .description(
      "an image's description (its alt text: what it shows, for people who cannot see it): show it, set it, or confirm an AI draft",
    )
    .argument('<asset>', 'media asset id (see files list)')
    .argument('[text]', 'the description, in your own words (without it: show the description and any draft)')
    .option('--confirm', 'use the AI-drafted description as it is')
    .option('--user <id>', 'the founder (user id or slug): refuses an asset that is not theirs')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        asset: string,
        text: string | undefined,
        opts: { user?: string; confirm?: boolean; json?: boolean },
      ) => {
        if (text !== undefined && opts.confirm)
          throw errors.usage(
            'Give a description or --confirm, not both.',
            `--confirm uses the drafted description; to change it, give your own: dreamseed files describe ${asset} "what it shows"`,
          );
        const db = await openDatabase();
        try {
          if (text === undefined && !opts.confirm) {
            const shown = await asService(db, (tx) => showDescription(tx, asset, opts.user));
            if (opts.json) return printJson(shown);
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
            return;
          }
          const result = await asService(db, (tx) =>
            opts.confirm
              ? confirmDescription(tx, asset, opts.user)
              : describeMedia(tx, asset, text!, opts.user),
          );
          if (opts.json) printJson({ ...result, confirmed_draft: Boolean(opts.confirm) });
          else {
            info(`${paint('green', '✓')} ${asset}: "${result.description}"`);
            for (const note of result.notes) info(`  ${paint('dim', note)}`);
          }
        } finally {
          await db.close();
        }
      },
    );

  files
    .command('remove')
    .description('remove an image: its records, and its stored original')
    .argument('<asset>', 'media asset id (see files list)')
    .option('--user <id>', 'the founder (user id or slug): refuses an asset that is not theirs')
    .option('--json', 'print the result as JSON')
    .action(async (asset: string, opts: { user?: string; json?: boolean }) => {
      const config = loadConfig();
      const db = await openDatabase();
      try {
        const removed = await asService(db, (tx) => removeMediaRows(tx, asset, opts.user));
        let objectRemoved = false;
        if (removed.orphaned && removed.bucket) {
          try {
            objectRemoved = await removeStoredObject(
              storageDriver(config, removed.bucket),
              removed.storage_path,
            );
          } catch (error) {
            warn(
              `the records are gone, but the stored file could not be removed: ${(error as Error).message}`,
            );
          }
        }
        for (const s of removed.shown_by) {
          const kept = s.status === 'approved' || s.edited_by_founder;
          warn(
            `${s.key} on /${s.page ? `${s.page}/` : ''} showed this image: ${kept ? `its ${s.status === 'approved' ? 'approved' : 'edited'} copy is kept and shown without it` : 'the next generate writes it anew'}.`,
          );
        }
        if (opts.json) printJson({ ...removed, object_removed: objectRemoved });
        else info(`${paint('green', '✓')} removed ${asset}${objectRemoved ? ' and its stored file' : ''}`);
      } finally {
        await db.close();
      }
    });
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
