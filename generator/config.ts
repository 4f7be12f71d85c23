import { join } from 'node:path';
import { z } from 'zod';
import { formatIssues } from './dna/bundle-file.ts';
import { errors } from './errors.ts';
import { stateDir } from './paths.ts';
import { loadWriterConfig, type WriterConfig } from './writers/writer-config.ts';

/**
 * Configuration: one zod schema with defaults, read from the environment.
 * Flags override individual values at the call site.
 */
const configSchema = z.object({
  DREAMSEED_HOME: z.string().optional(),
  DREAMSEED_DB: z.string().optional(),
  /** Canonical origin of generated sites; `{slug}` is replaced by the founder's slug. */
  DREAMSEED_SITE_URL: z
    .string()
    .regex(/^https:\/\/[^\s]+\/$/, 'must be an https URL ending in "/", e.g. https://{slug}.dreamseed.site/')
    .default('https://{slug}.dreamseed.site/'),
  /** Where `dreamseed publish` deploys when `--target` is not given. */
  DREAMSEED_DEPLOY_TARGET: z.enum(['local', 'netlify']).default('local'),
  /** How many deploys the local target keeps per site (the live one is always kept). */
  DREAMSEED_DEPLOY_KEEP: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'keep at least the live deploy: 1 or more')
    .max(1000)
    .default(10),
  /** Netlify personal access token (netlify-cli reads the same variable). */
  NETLIFY_AUTH_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  /** Netlify API base URL; tests point it at a loopback server that speaks the same API. */
  NETLIFY_API_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.netlify.com/api/v1' })
      .optional(),
  ),
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
  deploy: {
    target: 'local' | 'netlify';
    /** Root of the local deploy target: `<state>/live/<slug>/`. */
    liveDir: string;
    keep: number;
    netlifyToken: string | undefined;
    netlifyApiUrl: string | undefined;
  };
  storage: {
    driver: 'local' | 'supabase';
    bucket: string;
    /** Root of the embedded store: `<state>/storage/<bucket>/…`. */
    localDir: string;
    supabase: { url: string; serviceRoleKey: string } | null;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw errors.invalidInput(
      'The environment',
      formatIssues(parsed.error),
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
    deploy: {
      target: parsed.data.DREAMSEED_DEPLOY_TARGET,
      liveDir: join(home, 'live'),
      keep: parsed.data.DREAMSEED_DEPLOY_KEEP,
      netlifyToken: parsed.data.NETLIFY_AUTH_TOKEN,
      netlifyApiUrl: parsed.data.NETLIFY_API_URL,
    },
    storage: storageConfig(parsed.data, home),
  };
}

function storageConfig(env: z.infer<typeof configSchema>, home: string): Config['storage'] {
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
  return {
    driver: env.DREAMSEED_STORAGE ?? (supabase ? 'supabase' : 'local'),
    bucket: env.DREAMSEED_STORAGE_BUCKET,
    localDir: join(home, 'storage'),
    supabase,
  };
}
