import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseBundle } from '../dna/bundle-file.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { withUprightSizes } from '../media/upright-size.ts';
import { paths } from '../paths.ts';

/**
 * The DNA a template is rendered with by `templates lint`: every demo founder
 * (`supabase/demo/<slug>/dna.json`) and the edge cases a real business brings —
 * only a name; the optional facts missing; a very long name and long words;
 * text that is not English; emoji. The edge cases are made from a demo bundle,
 * so they stay valid as the bundle format grows.
 */
export interface LintCase {
  /** A demo founder's slug, or `edge:<name>`. */
  id: string;
  bundle: DnaBundle;
}

export const EDGE_CASES = ['name-only', 'sparse', 'long-name', 'non-english', 'emoji'] as const;
export type EdgeCase = (typeof EDGE_CASES)[number];

/** The demo founders' slugs, sorted. */
export function demoFounders(): string[] {
  return readdirSync(paths.demo, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'media')
    .map((d) => d.name)
    .sort();
}

type RawBundle = {
  users?: Record<string, unknown> | null;
  dream_dna_truth?: Record<string, unknown>;
  media_assets?: unknown[];
  [key: string]: unknown;
};

function rawDemo(slug: string): { raw: RawBundle; dir: string } {
  const file = join(paths.demo, slug, 'dna.json');
  return { raw: JSON.parse(readFileSync(file, 'utf8')) as RawBundle, dir: dirname(file) };
}

/** A demo founder's bundle, images measured as the pipeline measures them. */
export async function demoCase(slug: string): Promise<LintCase> {
  const { raw, dir } = rawDemo(slug);
  return { id: slug, bundle: await withUprightSizes(parseBundle(raw, dir, `${slug}/dna.json`)) };
}

/** Facts a sparse business still has: a name, whom it serves, where it is and how to reach it. */
const SPARSE_KEEP = ['business_name', 'who_serves', 'location_city', 'contact_phone', 'field_confidence'];

export async function edgeCase(name: EdgeCase): Promise<LintCase> {
  const { raw, dir } = rawDemo('bakery');
  const truth = { ...(raw.dream_dna_truth ?? {}) };
  const users = { ...(raw.users ?? {}) };
  const rename = (business: string) => {
    truth.business_name = business;
    users.business_name = business;
  };
  let bundle: RawBundle = { ...raw, users, dream_dna_truth: truth };
  switch (name) {
    case 'name-only':
      bundle = {
        users: { business_name: 'Juniper', slug: 'edge-name-only' },
        dream_dna_truth: { business_name: 'Juniper' },
      };
      break;
    case 'sparse':
      for (const key of Object.keys(truth)) if (!SPARSE_KEEP.includes(key)) delete truth[key];
      bundle = { users, dream_dna_truth: truth, dream_dna_type: raw.dream_dna_type };
      break;
    case 'long-name':
      rename(
        'The Extraordinarily Long-Named Neighbourhood Sourdough Bakery, Patisserie and Community Kitchen of Federal Hill',
      );
      truth.tagline =
        'Donaudampfschifffahrtsgesellschaftskapitänsmützenbrot baked overnight, every single night of the year';
      break;
    case 'non-english':
      rename('Panadería Ñandú · Bäckerei Müller');
      truth.tagline = 'Pan de masa madre horneado cada mañana — 毎朝焼きたてのパン';
      truth.what_problem =
        'En nuestro barrio ya no quedaba ninguna panadería: el pan del supermercado llega en camión, frío y de ayer.';
      truth.location_city = 'São Paulo';
      break;
    case 'emoji':
      rename('Sunny Buns 🥐☀️');
      truth.tagline = 'Fresh bread every morning 🍞✨ and coffee ☕';
      break;
  }
  users.slug = `edge-${name}`;
  delete users.id;
  const id = `edge:${name}`;
  return { id, bundle: await withUprightSizes(parseBundle(bundle, dir, id)) };
}

/** The cases to render: the named founders (default: all demo founders), then every edge case unless `edges` is false. */
export async function lintCases(options: {
  founders?: string[] | undefined;
  edges?: boolean;
}): Promise<LintCase[]> {
  const out: LintCase[] = [];
  for (const slug of options.founders ?? demoFounders()) out.push(await demoCase(slug));
  if (options.edges !== false) for (const name of EDGE_CASES) out.push(await edgeCase(name));
  return out;
}
