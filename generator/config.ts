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
});

export interface Config {
  stateDir: string;
  sitesDir: string;
  cacheDir: string;
  siteUrlFor(slug: string): string;
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
  };
}
