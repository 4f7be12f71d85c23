import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readBundleFile } from '../../generator/dna/bundle-file.ts';
import type { DnaBundle } from '../../generator/dna/schema.ts';
import { paths } from '../../generator/paths.ts';

/** The demo founders' DNA bundles (supabase/demo/<slug>/dna.json), by slug. */
export const demoSlugs: string[] = readdirSync(paths.demo, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'media')
  .map((d) => d.name)
  .sort();

export function demoBundlePath(slug: string): string {
  return join(paths.demo, slug, 'dna.json');
}

export async function demoBundles(): Promise<Map<string, DnaBundle>> {
  const out = new Map<string, DnaBundle>();
  for (const slug of demoSlugs) out.set(slug, await readBundleFile(demoBundlePath(slug)));
  return out;
}

/** Strings that must never reach a page. */
export const PLACEHOLDER =
  /\bundefined\b|\bnull\b|\bNaN\b|\{\{|\}\}|lorem|\[object Object\]|TODO|placeholder|your (business|name) here/i;

/** Every string in a JSON value with its path. */
export function stringsOf(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, path ? `${path}.${k}` : k));
  return [];
}
