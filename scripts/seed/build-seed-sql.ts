/**
 * Builds supabase/seed.sql from the demo DNA bundles in supabase/demo/<slug>/dna.json.
 *
 *   node scripts/seed/build-seed-sql.ts           write supabase/seed.sql
 *   node scripts/seed/build-seed-sql.ts --check   exit 1 if supabase/seed.sql is out of date
 *
 * Each bundle is one JSON object keyed by table name with the schema contract's column
 * names (supabase/README.md, "Table reference"). Keys that are not columns are errors, naming the key.
 * Rows other than `users` get stable ids derived from the founder id, so the output is
 * the same bytes for the same input. Media rows are derived from the referenced file:
 * storage_path (relative to supabase/), sha256 content_hash, mime_type, width and height.
 * `users.slug` is the folder name and may be left out; so may `users.id`, then derived from the
 * slug as `dreamseed generate --dna` derives it (generator/dna/founder-identity.ts). Personality
 * scores given on the 0–1 scale are stored on 0–100 (generator/dna/personality-scores.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { founderIdFromSlug } from '../../generator/dna/founder-identity.ts';
import { normaliseScores, type ScoreRow } from '../../generator/dna/personality-scores.ts';
import { truthSchema } from '../../generator/dna/schema.ts';

const COMMAND = 'node scripts/seed/build-seed-sql.ts';

// ---------------------------------------------------------------------------------------------
// SQL literals
// ---------------------------------------------------------------------------------------------

export interface LiteralOptions {
  /** Render an array of strings as a text[] (ARRAY[...]::text[]) instead of jsonb. */
  textArray?: boolean;
}

function quote(text: string): string {
  if (text.includes('\u0000')) throw new Error('SQL text cannot contain a NUL character');
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * One SQL literal for a JSON-ish value: null/undefined → NULL, strings quoted with '' doubling
 * (standard_conforming_strings, so backslashes are literal), finite numbers as-is, booleans,
 * string arrays as ARRAY[...]::text[] when `textArray` is set, other arrays and objects as jsonb.
 */
export function sqlLiteral(value: unknown, options: LiteralOptions = {}): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write the number ${value} as SQL`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value) && options.textArray) {
    for (const item of value) {
      if (typeof item !== 'string') throw new Error('a text[] value must be an array of strings');
    }
    return `ARRAY[${value.map((item) => quote(item as string)).join(', ')}]::text[]`;
  }
  if (typeof value === 'object') return `${quote(JSON.stringify(value))}::jsonb`;
  throw new Error(`cannot write a ${typeof value} as SQL`);
}

// ---------------------------------------------------------------------------------------------
// Tables and columns (supabase/README.md, "Table reference"), in contract order
// ---------------------------------------------------------------------------------------------

interface TableSpec {
  table: string;
  /** Columns a bundle row may set, in output order. */
  columns: readonly string[];
  /** text[] columns (everything else that holds an array or object is jsonb). */
  textArrays?: readonly string[];
  /**
   * `on conflict (id) do nothing`: for rows in a schema `db reset` does not drop (auth.users belongs to
   * Supabase Auth), so seeding a server a second time finds them there.
   */
  keepExisting?: boolean;
}

const STAMPS = ['created_at', 'updated_at'] as const;

const USERS: TableSpec = {
  table: 'public.users',
  columns: [
    'id',
    'auth_user_id',
    'slug',
    'customer_name',
    'customer_email',
    'customer_phone',
    'business_name',
    'business_type',
    'state_of_operation',
    'entity_type',
    'call_1_completed',
    'call_2_completed',
    'call_3_completed',
    'call_4_completed',
    'call_1_completed_at',
    'call_2_completed_at',
    'call_3_completed_at',
    'call_4_completed_at',
    'status',
    'current_call_stage',
    'next_call_scheduled',
    'assistant_id',
    'individual_assistant_id',
    'assistant_type',
    'package_preference',
    'urgency_level',
    'timeline',
    'account_type',
    'email_confirmed',
    'payment_status',
    'subscription_type',
    'amount_paid',
    'payment_date',
    'subscription_expires_at',
    ...STAMPS,
  ],
};

// The truth columns are the DNA schema's own keys (a test checks them against the live table).
const TRUTH: TableSpec = { table: 'public.dream_dna_truth', columns: Object.keys(truthSchema.shape) };

const TYPE: TableSpec = {
  table: 'public.dream_dna_type',
  columns: [
    'id',
    'user_id',
    'business_archetype',
    'secondary_archetype',
    'industry_vertical',
    'business_model_type',
    'template_category',
    'preferred_template_id',
    'risk_tolerance',
    'innovation_level',
    'scale_ambition',
    'classification_confidence',
    'reasoning',
    ...STAMPS,
  ],
};

const PROBABILITY: TableSpec = {
  table: 'public.dream_dna_probability',
  columns: [
    'id',
    'user_id',
    'field_name',
    'primary_interpretation',
    'primary_confidence',
    'alternative_1',
    'alternative_1_confidence',
    'alternative_2',
    'alternative_2_confidence',
    'alternative_3',
    'alternative_3_confidence',
    'reasoning',
    'user_confirmed',
    'user_selected',
    'confirmed_at',
    ...STAMPS,
  ],
};

const TRANSCRIPTS: TableSpec = {
  table: 'public.transcripts_raw',
  columns: [
    'id',
    'user_id',
    'session_id',
    'call_session_id',
    'call_number',
    'transcript_text',
    'audio_file_url',
    'speaker_segments',
    'call_quality',
    'duration_seconds',
    'vapi_call_id',
    'metadata',
    ...STAMPS,
  ],
};

const MEDIA: TableSpec = {
  table: 'public.media_assets',
  columns: [
    'id',
    'user_id',
    'file_bucket_id',
    'asset_category',
    'asset_name',
    'description',
    'storage_path',
    'mime_type',
    'width',
    'height',
    'content_hash',
    'optimization_status',
    'optimized_variants',
    'color_palette',
    'dominant_color',
    'palette_source_hash',
    'sort_order',
    'is_primary',
    'license',
    'source',
    ...STAMPS,
  ],
};

/** The keys a bundle may have (docs/dna-bundle.md, plus transcripts_raw for seeding). */
const BUNDLE_KEYS = [
  'users',
  'dream_dna_truth',
  'dream_dna_type',
  'dream_dna_probability',
  'transcripts_raw',
  'media_assets',
] as const;

type Row = Record<string, unknown>;

function insert(spec: TableSpec, row: Row): string {
  const columns = spec.columns.filter((column) => row[column] !== undefined);
  const values = columns.map((column) =>
    sqlLiteral(row[column], { textArray: spec.textArrays?.includes(column) ?? false }),
  );
  const conflict = spec.keepExisting ? '\non conflict (id) do nothing' : '';
  return `insert into ${spec.table} (${columns.join(', ')})\nvalues (${values.join(', ')})${conflict};\n`;
}

// ---------------------------------------------------------------------------------------------
// Stable ids, media facts
// ---------------------------------------------------------------------------------------------

/** A uuid (version 8, name-based) derived from the given parts: same parts, same id. */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const MIME_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.pdf': 'application/pdf',
};

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Width and height as stored in the file (PNG IHDR, JPEG SOFn, SVG root width/height in
 * px or unitless), or null when they cannot be read. JPEG EXIF orientation is NOT applied:
 * these are the stored pixel dimensions, as identify and sharp.metadata() report them.
 */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: signature, then the IHDR chunk (length, "IHDR", width, height).
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return positive(view.getUint32(16), view.getUint32(20));
  }
  // JPEG: walk the marker segments to the first start-of-frame.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 4 <= bytes.length) {
      if (bytes[offset] !== 0xff) return null;
      const marker = bytes[offset + 1] ?? 0;
      if (marker === 0xff) {
        offset += 1; // fill byte
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        offset += 2; // standalone marker
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) return null; // end of image / start of scan before a frame
      const length = view.getUint16(offset + 2);
      const isFrame =
        marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) {
        if (offset + 9 > bytes.length) return null;
        return positive(view.getUint16(offset + 7), view.getUint16(offset + 5));
      }
      offset += 2 + length;
    }
    return null;
  }
  // SVG: width/height attributes of the root element, unitless or px.
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  const root = /<svg\b[^>]*>/i.exec(head)?.[0];
  if (root) {
    const attr = (name: string) =>
      new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)\\s*(px)?\\s*["']`).exec(root)?.[1];
    const width = attr('width');
    const height = attr('height');
    if (width && height) return positive(Math.round(Number(width)), Math.round(Number(height)));
  }
  return null;
}

function positive(width: number, height: number): ImageSize | null {
  return width > 0 && height > 0 ? { width, height } : null;
}

// ---------------------------------------------------------------------------------------------
// Bundles → SQL
// ---------------------------------------------------------------------------------------------

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function asObject(value: unknown, file: string, where: string): Row {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(file, `${where} must be an object`);
  return value as Row;
}

function asArray(value: unknown, file: string, where: string): Row[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(file, `${where} must be an array`);
  return value.map((item, i) => asObject(item, file, `${where}[${i}]`));
}

function checkColumns(
  row: Row,
  spec: TableSpec,
  file: string,
  where: string,
  extra: readonly string[] = [],
): void {
  for (const key of Object.keys(row)) {
    if (!spec.columns.includes(key) && !extra.includes(key)) {
      fail(file, `${where}: unknown key "${key}" (not a column of ${spec.table})`);
    }
  }
}

export interface DemoBundle {
  slug: string;
  /** Absolute path of the dna.json file. */
  file: string;
  data: Record<string, unknown>;
}

/** Every supabase/demo/<slug>/dna.json, sorted by slug. */
export async function readDemoBundles(repoRoot: string): Promise<DemoBundle[]> {
  const demoDir = join(repoRoot, 'supabase', 'demo');
  const entries = await readdir(demoDir, { withFileTypes: true });
  const slugs = entries
    .filter((entry) => entry.isDirectory() && existsSync(join(demoDir, entry.name, 'dna.json')))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const bundles: DemoBundle[] = [];
  for (const slug of slugs) {
    const file = join(demoDir, slug, 'dna.json');
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      fail(file, `not valid JSON: ${(error as Error).message}`);
    }
    bundles.push({ slug, file, data: asObject(data, file, 'the bundle') });
  }
  return bundles;
}

async function founderSql(bundle: DemoBundle, supabaseDir: string): Promise<string> {
  const { file, data, slug } = bundle;
  const rel = relative(supabaseDir, file).split(sep).join('/');
  for (const key of Object.keys(data)) {
    if (!(BUNDLE_KEYS as readonly string[]).includes(key)) fail(rel, `unknown key "${key}"`);
  }

  // A bundle may leave out users.slug (the folder name) and users.id (derived from the slug), or users.
  const given = data.users === undefined || data.users === null ? {} : asObject(data.users, rel, 'users');
  checkColumns(given, USERS, rel, 'users');
  if (given.slug !== undefined && given.slug !== slug)
    fail(rel, `users.slug "${String(given.slug)}" must equal the folder name "${slug}"`);
  if (given.id !== undefined && typeof given.id !== 'string') fail(rel, 'users.id must be a uuid');
  const userId = (given.id as string | undefined) ?? founderIdFromSlug(slug);
  const users: Row = { ...given, id: userId, slug };
  const owned = (kind: string, key: string): Row => ({ id: stableUuid(userId, kind, key), user_id: userId });

  const out: string[] = [];
  out.push(`-- ${slug}: ${String(users.business_name ?? '')}\n`);
  if (typeof users.auth_user_id === 'string') {
    out.push(
      insert(
        { table: 'auth.users', columns: ['id', 'email', 'created_at'], keepExisting: true },
        { id: users.auth_user_id, email: users.customer_email ?? null, created_at: users.created_at },
      ),
    );
  }
  out.push(insert(USERS, users));

  if (data.dream_dna_truth !== undefined) {
    const truth = asObject(data.dream_dna_truth, rel, 'dream_dna_truth');
    checkColumns(truth, TRUTH, rel, 'dream_dna_truth');
    out.push(insert(TRUTH, { ...owned('dream_dna_truth', ''), ...truth }));
  }

  if (data.dream_dna_type !== undefined && data.dream_dna_type !== null) {
    const type = asObject(data.dream_dna_type, rel, 'dream_dna_type');
    checkColumns(type, TYPE, rel, 'dream_dna_type');
    // Personality scores may be 0–1 or 0–100 in a bundle; the columns hold 0–100 integers.
    const { scores, problems } = normaliseScores(type as ScoreRow);
    if (problems.length) fail(rel, problems.map((p) => `dream_dna_type.${p.field}: ${p.message}`).join('; '));
    out.push(insert(TYPE, { ...owned('dream_dna_type', ''), ...type, ...scores }));
  }

  asArray(data.dream_dna_probability, rel, 'dream_dna_probability').forEach((row, i) => {
    checkColumns(row, PROBABILITY, rel, `dream_dna_probability[${i}]`);
    out.push(insert(PROBABILITY, { ...owned('dream_dna_probability', String(row.field_name)), ...row }));
  });

  asArray(data.transcripts_raw, rel, 'transcripts_raw').forEach((row, i) => {
    checkColumns(row, TRANSCRIPTS, rel, `transcripts_raw[${i}]`);
    out.push(insert(TRANSCRIPTS, { ...owned('transcripts_raw', `${String(row.call_number)}:${i}`), ...row }));
  });

  const media = asArray(data.media_assets, rel, 'media_assets');
  for (const [i, row] of media.entries()) {
    const where = `media_assets[${i}]`;
    checkColumns(row, MEDIA, rel, where, ['file']);
    const { file: mediaFile, ...columns } = row;
    const derived: Row = {};
    if (mediaFile !== undefined && mediaFile !== null) {
      if (typeof mediaFile !== 'string' || isAbsolute(mediaFile))
        fail(rel, `${where}.file must be a relative path`);
      const absolute = resolve(dirname(file), mediaFile);
      const storagePath = relative(supabaseDir, absolute).split(sep).join('/');
      if (storagePath.startsWith('..'))
        fail(rel, `${where}.file must point inside supabase/ (got ${mediaFile})`);
      if (!existsSync(absolute)) fail(rel, `${where}.file ${mediaFile} does not exist`);
      const bytes = await readFile(absolute);
      const size = imageSize(bytes);
      derived.storage_path = storagePath;
      derived.mime_type = MIME_TYPES[extname(absolute).toLowerCase()] ?? 'application/octet-stream';
      derived.width = size?.width ?? null;
      derived.height = size?.height ?? null;
      derived.content_hash = createHash('sha256').update(bytes).digest('hex');
    }
    out.push(
      insert(MEDIA, {
        ...owned('media_assets', `${String(mediaFile ?? columns.asset_name)}:${i}`),
        ...derived,
        ...columns,
      }),
    );
  }
  return out.join('');
}

/** The whole seed.sql for the demo bundles under `repoRoot`/supabase/demo. */
export async function buildSeedSql(repoRoot: string): Promise<string> {
  const supabaseDir = join(repoRoot, 'supabase');
  const bundles = await readDemoBundles(repoRoot);
  const parts = [
    '-- supabase/seed.sql: GENERATED, do not edit by hand.\n',
    `-- Regenerate with: ${COMMAND}\n`,
    `-- Source: supabase/demo/<slug>/dna.json (${bundles.length} demo founders, sorted by slug); see supabase/demo/README.md.\n`,
    '-- tests/supabase/seed.test.ts fails when this file is out of date.\n',
    '\nbegin;\n',
    // Loading demo founders is not an edit: no automatic build is requested (generator/jobs/README.md).
    "set local dreamseed.origin = 'seed';\n",
  ];
  for (const bundle of bundles) parts.push(`\n${await founderSql(bundle, supabaseDir)}`);
  parts.push('\ncommit;\n');
  return parts.join('');
}

async function main(): Promise<void> {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const target = join(repoRoot, 'supabase', 'seed.sql');
  const sql = await buildSeedSql(repoRoot);
  if (process.argv.includes('--check')) {
    const current = existsSync(target) ? await readFile(target, 'utf8') : '';
    if (current !== sql) {
      process.stderr.write(`supabase/seed.sql is out of date. Run: ${COMMAND}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('supabase/seed.sql is up to date.\n');
    }
    return;
  }
  await writeFile(target, sql);
  process.stdout.write(`wrote supabase/seed.sql (${Buffer.byteLength(sql)} bytes)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`build-seed-sql: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
