import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { type DreamseedError, errors } from '../../errors.ts';
import type { StorageDriver } from './driver.ts';
import { assertStoragePath } from './paths.ts';

/**
 * A Supabase Storage bucket through @supabase/supabase-js, with the project's
 * service-role key (server side). Objects are uploaded without upsert: a path
 * names its content (sha256), so "already exists" means "already stored".
 * Every failure is a DreamseedError naming the bucket, the path, the HTTP
 * status and what to do about it. A build reads an object from a copy
 * downloaded once into `<cacheDir>/storage/<bucket>/<path>`.
 */
export interface SupabaseStorageOptions {
  url: string;
  serviceRoleKey: string;
  bucket: string;
  /** The generator's cache folder (`<state>/cache`): downloaded copies for builds. */
  cacheDir: string;
}

/** Long-lived cache headers are safe: an object's content never changes under its path. */
const CACHE_SECONDS = '31536000';

export function supabaseStorage(options: SupabaseStorageOptions): StorageDriver {
  // The SDK is loaded on the first call: a build that finds every file in the cache never needs it.
  let client: Promise<SupabaseClient> | undefined;
  const bucket = async () => {
    client ??= import('@supabase/supabase-js').then(({ createClient }) =>
      createClient(options.url, options.serviceRoleKey, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      }),
    );
    return (await client).storage.from(options.bucket);
  };
  const where = (path: string) => `supabase://${options.bucket}/${path}`;
  const fail = (action: string, path: string | null, error: unknown) =>
    storageError({ action, bucket: options.bucket, path, url: options.url, error });
  const driver: StorageDriver = {
    kind: 'supabase',
    bucket: options.bucket,
    describe: where,
    async put(path, bytes, contentType) {
      assertStoragePath(path);
      const { error } = await (await bucket()).upload(path, bytes, {
        contentType,
        upsert: false,
        cacheControl: CACHE_SECONDS,
      });
      if (!error) return { created: true };
      if (statusOf(error) === 409) return { created: false };
      throw fail('upload', path, error);
    },
    async get(path) {
      assertStoragePath(path);
      const { data, error } = await (await bucket()).download(path);
      if (error || !data) throw fail('download', path, error);
      return Buffer.from(await data.arrayBuffer());
    },
    async remove(paths) {
      if (!paths.length) return;
      for (const path of paths) assertStoragePath(path);
      const { error } = await (await bucket()).remove(paths);
      if (error) throw fail('remove', paths.length === 1 ? paths[0]! : null, error);
    },
    async localFile(path, sha256) {
      assertStoragePath(path);
      const cached = join(options.cacheDir, 'storage', options.bucket, path);
      if (existsSync(cached) && (!sha256 || sha256Of(await readFile(cached)) === sha256)) return cached;
      const bytes = await driver.get(path);
      if (sha256 && sha256Of(bytes) !== sha256) {
        throw new Error(`${where(path)} does not hold the content recorded for it (sha256 differs)`);
      }
      await mkdir(dirname(cached), { recursive: true });
      const tmp = `${cached}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, cached);
      return cached;
    },
  };
  return driver;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The HTTP status of a storage error: Storage reports some as HTTP 400 with a `statusCode` of their own. */
function statusOf(error: unknown): number | null {
  const e = error as { status?: unknown; statusCode?: unknown } | null;
  const code = Number(e?.statusCode);
  if (Number.isInteger(code) && code >= 400 && code < 600) return code;
  const status = Number(e?.status);
  return Number.isInteger(status) && status > 0 ? status : null;
}

function storageError(input: {
  action: string;
  bucket: string;
  path: string | null;
  url: string;
  error: unknown;
}): DreamseedError {
  const status = statusOf(input.error);
  const detail = input.error instanceof Error ? input.error.message : String(input.error ?? 'no answer');
  const target = input.path ? `supabase://${input.bucket}/${input.path}` : `bucket ${input.bucket}`;
  const request = { action: input.action, bucket: input.bucket, path: input.path, target };
  return status === null
    ? errors.storageUnreachable(request, input.url, detail, input.error)
    : errors.storageFailed(request, status, detail, input.error);
}
