import { Argument, type Command, Option } from 'commander';
import { assetCategories } from '../../dna/asset-categories.ts';
import { jsonOption } from '../json-output.ts';
import { lazyCommand } from '../lazy.ts';

const run = () => import('../files.ts');

/**
 * `dreamseed files`: a founder's logo and photos. `add` checks every file from
 * its bytes (refusing the whole batch if one is unsafe or unusable), stores
 * the originals (embedded store, or Supabase Storage when configured) and
 * records them; `list`, `describe` (alt text, or confirming an AI draft),
 * `categorise` and `remove` manage them (run: ../files.ts).
 */
export function configure(files: Command): void {
  lazyCommand(
    files,
    run,
    'add',
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
    .addOption(jsonOption('the added files'));
  lazyCommand(files, run, 'list', "a founder's media, with what each item still needs")
    .requiredOption('--user <id>', 'the founder: user id or slug')
    .addOption(jsonOption());
  lazyCommand(
    files,
    run,
    'describe',
    "an image's description (its alt text: what it shows, for people who cannot see it): show it, set it, or confirm an AI draft",
  )
    .argument('<asset>', 'media asset id (see files list)')
    .argument('[text]', 'the description, in your own words (without it: show the description and any draft)')
    .option('--confirm', 'use the AI-drafted description as it is')
    .option('--user <id>', 'the founder (user id or slug): refuses an asset that is not theirs')
    .addOption(jsonOption());
  lazyCommand(
    files,
    run,
    'categorise',
    "move an image to another category (the category's main image changes with it; the site rebuilds)",
  )
    .argument('<asset>', 'media asset id (see files list)')
    .addArgument(new Argument('<category>', 'the new category').choices([...assetCategories]))
    .option('--user <id>', 'the founder (user id or slug): refuses an asset that is not theirs')
    .addOption(jsonOption());
  lazyCommand(files, run, 'remove', 'remove an image: its records, and its stored original')
    .argument('<asset>', 'media asset id (see files list)')
    .option('--user <id>', 'the founder (user id or slug): refuses an asset that is not theirs')
    .addOption(jsonOption());
}
