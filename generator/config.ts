import { join } from 'node:path';
import { z } from 'zod';
import { formatIssues } from './dna/bundle-file.ts';
import { errors } from './errors.ts';
import { stateDir } from './paths.ts';

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
});

export interface Config {
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
  };
}
