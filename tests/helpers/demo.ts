import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../../generator/catalog/registry.ts';
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

/** Every template of the catalogue (sorted) with the demo founder whose type names it; the bakery when none does. */
export function templateDemoPairs(
  catalog: Catalog,
  bundles: Map<string, DnaBundle>,
): (readonly [template: string, slug: string])[] {
  return [...catalog.templates.keys()].sort().map((id) => {
    const slug = [...bundles.entries()].find(([, b]) => b.type?.template_category === id)?.[0] ?? 'bakery';
    return [id, slug] as const;
  });
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
