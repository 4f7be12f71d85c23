import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Swatch, swatchesFor } from '../brand/swatches.ts';
import type { Database, Queryable } from '../db/database.ts';
import { asFounder, asService } from '../db/roles.ts';
import type { AssetCategory } from '../dna/schema.ts';
import { errors } from '../errors.ts';
import { imageVariants, SLOT_WIDTHS } from '../media/variants.ts';
import { requireAltText } from './alt-text.ts';
import { type AcceptedFile, inspectUpload, type Refusal, type UploadInput } from './inspect.ts';
import { limits } from './limits.ts';
import type { StorageDriver } from './storage/driver.ts';
import { storagePathFor } from './storage/paths.ts';
import { type CategorySuggestion, suggestCategory } from './suggest-category.ts';

/**
 * Adds founder files: every file is inspected first (a refusal stops the whole
 * batch before anything is stored), then each accepted file gets its swatches
 * and responsive variants (so the next build finds them cached), its original
 * goes to storage, and its `file_buckets` and `media_assets` rows are written
 * in one transaction. If the database step fails, objects this call created
 * are removed again: nothing is left half-stored. Adding a file the founder
 * already has is a no-op that returns the existing rows.
 */
export interface AddFilesRequest {
  /** The founder: user id or slug. */
  user: string;
  /** Paths to read, or uploads already in memory. */
  files: ({ path: string } | UploadInput)[];
  /** What the files are; undefined: suggested for each file from its pixels (`suggest-category.ts`). */
  category?: AssetCategory | undefined;
  /** Alt text (media_assets.description) for a single file. */
  description?: string | undefined;
  /** A display name (media_assets.asset_name); default: the original file name without extension. */
  assetName?: string | undefined;
}

export interface AddFilesContext {
  db: Database;
  storage: StorageDriver;
  cacheDir: string;
  /** Act as this founder (their auth user id), under Row Level Security; default: the service role. */
  asFounder?: string | undefined;
}

export interface AddedFile {
  source: string;
  status: 'added' | 'already_stored';
  media_asset_id: string;
  file_bucket_id: string;
  category: AssetCategory;
  is_primary: boolean;
  /** How the category was chosen: given (`--category`), or suggested from the pixels, with the reasons. */
  category_choice: { by: 'given' } | ({ by: 'suggested' } & CategorySuggestion);
  bucket: string;
  storage_path: string;
  original_filename: string;
  mime_type: string;
  bytes: number;
  /** Upright size (EXIF orientation applied), as stored in media_assets. */
  width: number;
  height: number;
  content_hash: string;
  alt: { status: 'described' | 'needs_input'; text: string | null };
  palette: { dominant: string | null; swatches: Swatch[] };
  variants: { count: number; widths: number[]; formats: string[]; bytes: number; placeholder: boolean };
  notes: string[];
}

interface Prepared {
  file: AcceptedFile;
  category: AssetCategory;
  choice: AddedFile['category_choice'];
  path: string;
  swatches: Awaited<ReturnType<typeof swatchesFor>>;
  variants: Awaited<ReturnType<typeof imageVariants>>;
}

export async function addFiles(request: AddFilesRequest, context: AddFilesContext): Promise<AddedFile[]> {
  if (request.files.length === 0) throw errors.usage('Name at least one file to add.');
  let description: string | null = null;
  const notesForAll: string[] = [];
  if (request.description !== undefined) {
    if (request.files.length > 1) {
      throw errors.usage(
        'A description is the alt text of one image: add files one at a time to describe each.',
        'Example: dreamseed files add --user bakery shop.jpg --description "The bakery counter with fresh loaves"',
      );
    }
    const alt = requireAltText(request.description);
    description = alt.text;
    notesForAll.push(...alt.notes);
  }
  const run = <T>(fn: (tx: Queryable) => Promise<T>) =>
    context.asFounder ? asFounder(context.db, context.asFounder, fn) : asService(context.db, fn);
  const userId = await run((tx) => founderId(tx, request.user));

  const accepted: AcceptedFile[] = [];
  const refused: Refusal[] = [];
  for (const input of request.files) {
    const loaded = 'path' in input ? await readUpload(input.path) : { ok: true as const, upload: input };
    const result = loaded.ok
      ? await inspectUpload(loaded.upload)
      : { ok: false as const, refusal: loaded.refusal };
    if (result.ok) accepted.push(result.file);
    else refused.push(result.refusal);
  }
  if (refused.length) throw errors.filesRefused(refused, request.files.length);

  const prepared: Prepared[] = [];
  for (const file of accepted) {
    const suggestion = request.category
      ? null
      : await suggestCategory({ pixels: file.pixels, width: file.uprightWidth, height: file.uprightHeight });
    const category = request.category ?? suggestion!.category;
    const widths = SLOT_WIDTHS[category === 'document' ? 'photo' : category];
    prepared.push({
      file,
      category,
      choice: suggestion ? { by: 'suggested', ...suggestion } : { by: 'given' },
      path: storagePathFor(userId, file.storedName),
      swatches: await swatchesFor(file.bytes, join(context.cacheDir, 'images'), undefined, file.pixels),
      variants: await imageVariants(file.bytes, widths, join(context.cacheDir, 'images')),
    });
  }

  const created: string[] = [];
  try {
    for (const p of prepared) {
      const { created: isNew } = await context.storage.put(p.path, p.file.bytes, p.file.mime);
      if (isNew) created.push(p.path);
    }
    return await run(async (tx) => {
      const out: AddedFile[] = [];
      for (const p of prepared)
        out.push(await recordFile(tx, userId, p, request, description, context.storage.bucket));
      for (const added of out) added.notes.push(...notesForAll);
      return out;
    });
  } catch (error) {
    await context.storage.remove(created).catch(() => undefined);
    throw error;
  }
}

async function founderId(tx: Queryable, idOrSlug: string): Promise<string> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const [row] = await tx.query<{ id: string }>(
    `select id from public.users where ${uuid ? 'id' : 'slug'} = $1`,
    [idOrSlug],
  );
  if (!row) throw errors.notFound('founder', idOrSlug, 'Run `dreamseed demo list` to see founders.');
  return row.id;
}

async function readUpload(
  path: string,
): Promise<{ ok: true; upload: UploadInput } | { ok: false; refusal: Refusal }> {
  const refusal = (code: string, reason: string, hint: string) => ({
    ok: false as const,
    refusal: { source: path, code, reason, hint },
  });
  try {
    const info = await stat(path);
    if (!info.isFile())
      return refusal('NOT_A_FILE', 'it is a directory, not a file', 'Name the image files themselves.');
    if (info.size > limits.maxBytes) {
      return refusal(
        'TOO_LARGE',
        `the file is ${(info.size / 1024 / 1024).toFixed(1)} MiB; the limit is ${limits.maxBytes / 1024 / 1024} MiB`,
        'Export a smaller version (the site never shows images wider than 1600 px).',
      );
    }
    return { ok: true, upload: { name: path, bytes: await readFile(path) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return refusal('NOT_FOUND', 'there is no such file', 'Check the path.');
    return refusal(
      'UNREADABLE',
      `it cannot be read (${code ?? (error as Error).message})`,
      'Check the path and its permissions.',
    );
  }
}

async function recordFile(
  tx: Queryable,
  userId: string,
  p: Prepared,
  request: AddFilesRequest,
  description: string | null,
  bucket: string,
): Promise<AddedFile> {
  const { file, swatches, variants } = p;
  const [existing] = await tx.query<{ file_bucket_id: string; media_asset_id: string | null }>(
    `select f.id as file_bucket_id, m.id as media_asset_id
       from public.file_buckets f
       left join public.media_assets m on m.file_bucket_id = f.id and m.user_id = f.user_id
      where f.bucket_name = $1 and f.storage_path = $2 and f.user_id = $3
      order by m.created_at limit 1`,
    [bucket, p.path, userId],
  );
  const palette = {
    version: swatches.version,
    extractor: swatches.extractor,
    swatches: swatches.swatches,
    dominant: swatches.dominant,
  };
  const optimized = {
    cache_key: variants.hash,
    widths: [...new Set(variants.files.map((f) => f.width))],
    files: variants.files.map(({ format, width, height, bytes }) => ({ format, width, height, bytes })),
    placeholder: variants.placeholder !== null,
  };
  let fileBucketId = existing?.file_bucket_id;
  let mediaId = existing?.media_asset_id ?? null;
  const status: AddedFile['status'] = mediaId ? 'already_stored' : 'added';
  if (!fileBucketId) {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.file_buckets
         (user_id, bucket_name, storage_path, original_filename, stored_filename, mime_type, file_size_bytes,
          content_hash, file_category, processing_status, metadata)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ready', $10)
       returning id`,
      [
        userId,
        bucket,
        p.path,
        file.originalName,
        file.storedName,
        file.mime,
        file.bytes.length,
        file.sha256,
        p.category,
        JSON.stringify({ ...file.facts, notes: file.notes }),
      ],
    );
    fileBucketId = row!.id;
  }
  if (!mediaId) {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.media_assets
         (user_id, file_bucket_id, asset_category, asset_name, description, storage_path, mime_type, width, height,
          content_hash, optimization_status, optimized_variants, color_palette, dominant_color, palette_source_hash,
          sort_order, is_primary)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'optimized', $11, $12, $13, $10,
               (select coalesce(max(sort_order) + 1, 0) from public.media_assets where user_id = $1 and asset_category = $3),
               not exists (select 1 from public.media_assets where user_id = $1 and asset_category = $3 and is_primary))
       returning id`,
      [
        userId,
        fileBucketId,
        p.category,
        request.assetName?.trim() || file.originalName.replace(/\.[A-Za-z0-9]{1,10}$/, ''),
        description,
        p.path,
        file.mime,
        // As people see it (EXIF orientation applied): sections choose images by this shape.
        file.uprightWidth,
        file.uprightHeight,
        file.sha256,
        JSON.stringify(optimized),
        JSON.stringify(palette),
        swatches.dominant,
      ],
    );
    mediaId = row!.id;
  } else if (description) {
    await tx.query('update public.media_assets set description = $2 where id = $1', [mediaId, description]);
  }
  const [media] = await tx.query<{
    description: string | null;
    is_primary: boolean;
    asset_category: AssetCategory;
  }>('select description, is_primary, asset_category from public.media_assets where id = $1', [mediaId]);
  return {
    source: file.source,
    status,
    media_asset_id: mediaId,
    file_bucket_id: fileBucketId,
    category: media!.asset_category,
    is_primary: media!.is_primary,
    category_choice: p.choice,
    bucket,
    storage_path: p.path,
    original_filename: file.originalName,
    mime_type: file.mime,
    bytes: file.bytes.length,
    width: file.uprightWidth,
    height: file.uprightHeight,
    content_hash: file.sha256,
    alt: media!.description
      ? { status: 'described', text: media!.description }
      : { status: 'needs_input', text: null },
    palette: { dominant: swatches.dominant, swatches: swatches.swatches },
    variants: {
      count: variants.files.length,
      widths: optimized.widths,
      formats: [...new Set(variants.files.map((f) => f.format))],
      bytes: variants.files.reduce((sum, f) => sum + f.bytes, 0),
      placeholder: optimized.placeholder,
    },
    notes: [...file.notes],
  };
}
