import { join } from 'node:path';
import { z } from 'zod';
import { dbWaitSchema } from './db/target.ts';
import { type DeployConfig, readDeployConfig } from './deploy/targets.ts';
import { blankIsUnset, errors, formatIssues } from './errors.ts';
import { stateDir } from './paths.ts';
import { loadWriterConfig, type WriterConfig } from './writers/writer-config.ts';

/**
 * Configuration: one zod schema with defaults, read from the environment.
 * Flags override individual values at the call site.
 */
const configSchema = z.object({
  DREAMSEED_HOME: z.string().optional(),
  DREAMSEED_DB: z.string().optional(),
  /** Seconds a command waits for another process to finish with the embedded database. */
  DREAMSEED_DB_WAIT: z.preprocess(blankIsUnset, dbWaitSchema),
  /** Canonical origin of generated sites; `{slug}` is replaced by the founder's slug. */
  DREAMSEED_SITE_URL: z
    .string()
    .regex(/^https:\/\/[^\s]+\/$/, 'must be an https URL ending in "/", e.g. https://{slug}.dreamseed.site/')
    .default('https://{slug}.dreamseed.site/'),
  /** Supabase project URL; with SUPABASE_SERVICE_ROLE_KEY, uploaded media go to Supabase Storage. */
  SUPABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://abcd.supabase.co' })
      .optional(),
  ),
  /** The project's service-role key (server side only; never shipped to a browser). */
  SUPABASE_SERVICE_ROLE_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  /** Where uploads are stored: `local` (.dreamseed/storage) or `supabase`; default: supabase when configured. */
  DREAMSEED_STORAGE: z.enum(['local', 'supabase']).optional(),
  /**
   * `off`: the page renderer runs from its TypeScript sources, never from its bundle, and makes none
   * (generator/site/astro/renderer-bundle.ts). Default `on`.
   */
  DREAMSEED_RENDERER_BUNDLE: z.preprocess(blankIsUnset, z.enum(['on', 'off']).optional()),
  /** Storage bucket for founders' uploads (Supabase bucket naming). */
  DREAMSEED_STORAGE_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/,
      'must be 3–63 lower-case letters, digits, dots, hyphens or underscores, e.g. founder-media',
    )
    .default('founder-media'),
});

export interface Config {
  /** Copy writers: the default writer and the OpenAI writer's settings (generator/writers/writer-config.ts). */
  writers: WriterConfig;
  stateDir: string;
  sitesDir: string;
  cacheDir: string;
  siteUrlFor(slug: string): string;
  /**
   * Deploy targets: the default one (DREAMSEED_DEPLOY_TARGET) and each target's settings, read by the
   * schema its driver declares (generator/deploy/targets.ts lists them).
   */
  deploy: DeployConfig;
  storage: StorageConfig;
}

interface SupabaseProject {
  url: string;
  serviceRoleKey: string;
}

/** Where uploads are stored: the Supabase driver always has its project. */
export type StorageConfig = {
  bucket: string;
  /** Root of the embedded store: `<state>/storage/<bucket>/…`. */
  localDir: string;
} & (
  | { driver: 'supabase'; supabase: SupabaseProject }
  | { driver: 'local'; supabase: SupabaseProject | null }
);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const deploy = readDeployConfig(env);
  if (!parsed.success || deploy.issues.length) {
    throw errors.invalidInput(
      'The environment',
      [...(parsed.success ? [] : formatIssues(parsed.error)), ...deploy.issues],
      'Fix or unset the named variables.',
    );
  }
  const home = stateDir(env);
  const template = parsed.data.DREAMSEED_SITE_URL;
  return {
    writers: loadWriterConfig(env),
    stateDir: home,
    sitesDir: join(home, 'sites'),
    cacheDir: join(home, 'cache'),
    siteUrlFor: (slug) => template.replace('{slug}', slug),
    deploy: deploy.deploy,
    storage: storageConfig(parsed.data, home),
  };
}

function storageConfig(env: z.infer<typeof configSchema>, home: string): StorageConfig {
  const url = Boolean(env.SUPABASE_URL);
  const key = Boolean(env.SUPABASE_SERVICE_ROLE_KEY);
  const issues: string[] = [];
  if (url !== key) {
    issues.push(
      `${url ? 'SUPABASE_SERVICE_ROLE_KEY' : 'SUPABASE_URL'}: is needed too (set both Supabase variables, or neither)`,
    );
  }
  if (env.DREAMSEED_STORAGE === 'supabase' && !(url && key)) {
    issues.push(
      'DREAMSEED_STORAGE: is supabase, but SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are not both set',
    );
  }
  if (issues.length)
    throw errors.invalidInput('The environment', issues, 'Fix or unset the named variables.');
  const supabase =
    env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY
      ? { url: env.SUPABASE_URL, serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY }
      : null;
  const where = { bucket: env.DREAMSEED_STORAGE_BUCKET, localDir: join(home, 'storage') };
  return supabase && env.DREAMSEED_STORAGE !== 'local'
    ? { ...where, driver: 'supabase', supabase }
    : { ...where, driver: 'local', supabase };
}
