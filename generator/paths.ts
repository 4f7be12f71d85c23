import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json lives), independent of the working directory. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const paths = {
  supabase: join(repoRoot, 'supabase'),
  migrations: join(repoRoot, 'supabase', 'migrations'),
  bootstrap: join(repoRoot, 'supabase', 'bootstrap'),
  seed: join(repoRoot, 'supabase', 'seed.sql'),
  demo: join(repoRoot, 'supabase', 'demo'),
};

/** The per-checkout state folder (`.dreamseed/` in the working directory unless DREAMSEED_HOME says otherwise). */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DREAMSEED_HOME ?? '.dreamseed');
}
