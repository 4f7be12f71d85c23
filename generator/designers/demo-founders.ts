import { readdirSync } from 'node:fs';
import { paths } from '../paths.ts';

/** The demo founders' slugs (supabase/demo/<slug>/dna.json), sorted: what dev and grid render against. */
export function demoFounders(): string[] {
  return readdirSync(paths.demo, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'media')
    .map((d) => d.name)
    .sort();
}
