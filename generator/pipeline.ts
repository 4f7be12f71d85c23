import { join, relative, resolve } from 'node:path';
import { loadCatalog } from './catalog/registry.ts';
import { syncTemplates } from './catalog/sync-templates.ts';
import { loadConfig } from './config.ts';
import { recordGeneration } from './content/record-generation.ts';
import type { Database } from './db/database.ts';
import { asService } from './db/roles.ts';
import { readBundleFile } from './dna/bundle-file.ts';
import { loadBundleFromDb } from './dna/load-from-db.ts';
import type { DnaBundle } from './dna/schema.ts';
import { buildSiteSpec } from './site/build-spec.ts';
import type { SiteSpec } from './site/spec.ts';
import { buildSite } from './stages/build-site.ts';
import { type Brand, deriveBrand } from './stages/derive-brand.ts';
import { selectTemplate, type TemplateChoice } from './stages/select-template.ts';
import { writeSections } from './stages/write-sections.ts';
import { createOfflineWriter } from './writers/offline.ts';

/**
 * The orchestrator: wires the stages (DNA → template → sections → brand →
 * build), times each one, and records the result in the database. It holds no
 * state between runs; everything it needs comes in `options`.
 */
export type GenerateSource = { kind: 'founder'; idOrSlug: string } | { kind: 'dna'; file: string };

export interface GenerateOptions {
  source: GenerateSource;
  /** Needed for `founder` sources and to record results; optional for bundle files. */
  db?: Database | undefined;
  template?: string | undefined;
  outDir?: string | undefined;
  onStage?: (name: string, ms: number) => void;
}

export interface GenerateSummary {
  founder: { id: string; slug: string; business_name: string };
  template: Pick<TemplateChoice, 'id' | 'score' | 'reasons' | 'basis' | 'note'>;
  sections: {
    page: string;
    key: string;
    type: string;
    variant: string;
    status: string;
    fields_used: string[];
    missing: string[];
  }[];
  pages: string[];
  out_dir: string;
  build_hash: string;
  bytes: number;
  recorded: { website_id: string; sections_written: number; sections_kept: number } | null;
  timings_ms: Record<string, number>;
}

export async function generateSite(options: GenerateOptions): Promise<GenerateSummary> {
  return (await generateSiteDetailed(options)).summary;
}

/** Like generateSite, also returning the spec and brand (tests and benchmarks rebuild from them). */
export async function generateSiteDetailed(
  options: GenerateOptions,
): Promise<{ summary: GenerateSummary; spec: SiteSpec; brand: Brand }> {
  const config = loadConfig();
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    timings[name] = Math.round(performance.now() - started);
    options.onStage?.(name, timings[name]);
    return result;
  };

  const source = options.source;
  const bundle: DnaBundle = await time('load dna', () =>
    source.kind === 'dna'
      ? readBundleFile(source.file)
      : asService(requireDb(options.db), (tx) => loadBundleFromDb(tx, source.idOrSlug)),
  );
  const catalog = await time('load catalog', () => loadCatalog());
  const choice = await time('select template', async () => selectTemplate(catalog, bundle, options.template));
  const template = catalog.templates.get(choice.id)!;
  const theme = catalog.themes.get(template.theme)!;
  const written = await time('write sections', () =>
    writeSections(catalog, template, bundle, createOfflineWriter()),
  );
  const brand = await time('derive brand', () => deriveBrand(bundle, written, config.cacheDir));
  const outDir = resolve(options.outDir ?? join(config.sitesDir, bundle.user.slug));
  const siteUrl = config.siteUrlFor(bundle.user.slug);
  const spec = buildSiteSpec({
    bundle,
    templateId: template.id,
    theme,
    palette: brand.palette,
    written,
    images: brand.images,
    siteUrl,
    favicon: brand.favicon.path,
    logoUrl:
      brand.logoAsset && brand.images[brand.logoAsset]
        ? new URL(brand.images[brand.logoAsset]!.src.slice(1), siteUrl).toString()
        : null,
  });
  const build = await time('build', () => buildSite(spec, brand, outDir));

  let recorded: GenerateSummary['recorded'] = null;
  if (options.db && source.kind === 'founder') {
    const db = options.db;
    recorded = await time('record', () =>
      asService(db, async (tx) => {
        await syncTemplates(tx, catalog);
        const r = await recordGeneration(tx, {
          bundle,
          templateId: template.id,
          themeId: theme.id,
          spec,
          sections: written.all,
          buildDir: outDir,
          buildHash: build.hash,
          branding: { palette: brand.palette, source: brand.paletteSource },
        });
        return { website_id: r.websiteId, sections_written: r.written, sections_kept: r.kept };
      }),
    );
  }

  const summary: GenerateSummary = {
    founder: { id: bundle.user.id, slug: bundle.user.slug, business_name: spec.site.name },
    template: {
      id: choice.id,
      score: choice.score,
      reasons: choice.reasons,
      basis: choice.basis,
      note: choice.note,
    },
    sections: written.all.map((s) => ({
      page: s.page === '*' ? '*' : s.page ? `/${s.page}/` : '/',
      key: s.key,
      type: s.type,
      variant: s.variant,
      status: s.status,
      fields_used: s.provenance.fields.map((f) => f.field),
      missing: s.missing,
    })),
    pages: build.pages,
    out_dir: displayPath(outDir),
    build_hash: build.hash,
    bytes: build.bytes,
    recorded,
    timings_ms: timings,
  };
  return { summary, spec, brand };
}

function requireDb(db: Database | undefined): Database {
  if (!db) throw new Error('generateSite: a database is required to load a founder');
  return db;
}

/** A path as a person would type it from here: relative inside the working directory, absolute outside. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
