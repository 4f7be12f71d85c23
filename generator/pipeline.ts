import { join, relative, resolve } from 'node:path';
import type { PaletteReport } from './brand/palette-report.ts';
import { recordMediaSwatches, storedPaletteChoice } from './brand/record-brand.ts';
import { type Catalog, loadCatalog } from './catalog/registry.ts';
import { hrefOf, pagePath, sectionRef } from './catalog/slots.ts';
import { syncTemplates } from './catalog/sync-templates.ts';
import { loadConfig } from './config.ts';
import { previousSections } from './content/revisions.ts';
import type { Database } from './db/database.ts';
import { asBuild, asService } from './db/roles.ts';
import { readBundleFile } from './dna/bundle-file.ts';
import { describeFinding } from './dna/clean-facts.ts';
import type { DnaBundle } from './dna/schema.ts';
import { withUprightSizes } from './media/upright-size.ts';
import type { ScoreSummary } from './score/report.ts';
import type { PageRenderer } from './site/astro/render-pages.ts';
import { shownComponents } from './site/build-spec.ts';
import { chosenDomain, siteAddress } from './site/site-address.ts';
import type { SiteSpec } from './site/spec.ts';
import { assertReplaceableOutDir, type BuildResult, buildSite } from './stages/build-site.ts';
import { type Brand, deriveBrand } from './stages/derive-brand.ts';
import { type DescriptionDrafts, draftDescriptions } from './stages/draft-descriptions.ts';
import { loadBundleFromDb } from './stages/load-dna.ts';
import { mediaReport } from './stages/media-report.ts';
import { recordBuild, recordGeneration } from './stages/record-generation.ts';
import { selectTemplate, type TemplateChoice } from './stages/select-template.ts';
import { siteSpecFor } from './stages/site-spec.ts';
import { templateComponents, writeSections } from './stages/write-sections.ts';
import { hasInput } from './writers/offline.ts';
import { createWriter, type WriterName } from './writers/select-writer.ts';
import type { Writer } from './writers/writer.ts';
import type { RunUsage } from './writers/written-site.ts';

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
  /** Use this palette option (0–2) and store it as the founder's pick; default: the stored pick, else 0. */
  palette?: number | undefined;
  onStage?: (name: string, ms: number) => void;
  /** Who writes the copy: a writer name (default: openai when OPENAI_API_KEY is set, else offline), or a writer. */
  writer?: WriterName | Writer | undefined;
  /** Sections the founder asked to rewrite (even if approved or edited), by page slug (`CHROME_PAGE` for the header and footer) and key. */
  regenerate?: { page: string; key: string }[] | undefined;
  /** The catalogue to build from (default: the repository's, loaded once); `templates dev` passes a fresh one. */
  catalog?: Catalog | undefined;
  /** Run the score stage last (Lighthouse and the reviewer checks) and record the report. */
  score?: boolean | undefined;
  /** Who renders the pages (default: Astro in this process); `dreamseed generate` starts one ahead. */
  renderer?: PageRenderer | undefined;
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
    /** Which writer's copy this is (`openai`, `offline`, `founder`…), and whether it was written now or reused. */
    writer: string;
    origin: 'written' | 'reused';
    /** Approved or edited copy kept although a fact it reads changed. */
    stale: boolean;
    alternatives: number;
  }[];
  pages: string[];
  out_dir: string;
  build_hash: string;
  bytes: number;
  recorded: { website_id: string; sections_written: number; sections_kept: number } | null;
  /** Colours: source asset, swatches, roles, contrast of every pair, the options and the pick. */
  palette: PaletteReport;
  /** Model calls, tokens and estimated cost of this run, cache hits and fallbacks to offline copy. */
  usage: RunUsage;
  /** What the founder or operator should know (model unreachable, approved copy now stale…). */
  warnings: string[];
  timings_ms: Record<string, number>;
  /** The score stage's verdict (with `score`), else null. */
  score: (ScoreSummary & { reasons: string[]; reports_dir: string }) | null;
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
  const writer =
    typeof options.writer === 'object' ? options.writer : await createWriter(options.writer, config);
  const bundle: DnaBundle = await time('load dna', async () =>
    // Images are chosen by their shape as people see it: every readable file's upright size.
    withUprightSizes(
      source.kind === 'dna'
        ? await readBundleFile(source.file)
        : await asService(requireDb(options.db), (tx) => loadBundleFromDb(tx, source.idOrSlug)),
    ),
  );
  // Facts the content policy cleaned or left out, named for the founder (the same words reach body and metadata).
  const warnings = (bundle.cleaned ?? []).map(describeFinding);
  if (!bundle.truth.currency && bundle.truth.services?.some((s) => typeof s.price === 'number'))
    warnings.push(
      'The prices are shown as plain amounts, without a currency: the DNA names none. Add `currency` (an ISO 4217 code such as EUR or USD) to the DNA and generate again.',
    );
  const outDir = resolve(options.outDir ?? join(config.sitesDir, bundle.user.slug));
  // Before any work: a build replaces the whole folder, so one holding anything else is refused.
  if (options.outDir) assertReplaceableOutDir(outDir);
  const catalog = await time('load catalog', async () => options.catalog ?? loadCatalog());
  const choice = await time('select template', async () => selectTemplate(catalog, bundle, options.template));
  const template = catalog.templates.get(choice.id)!;
  const theme = catalog.themes.get(template.theme)!;
  // A renderer started ahead compiles the template's components while the copy is written.
  options.renderer?.expect?.(templateComponents(catalog, template));
  const recording = Boolean(options.db && source.kind === 'founder');
  // Undescribed photos: the AI writer drafts descriptions (stored for the founder to confirm, never shown).
  let drafts: DescriptionDrafts | undefined;
  if (recording)
    drafts = writer.describeImage
      ? await time('describe media', () => draftDescriptions(requireDb(options.db), bundle, writer))
      : await draftDescriptions(requireDb(options.db), bundle, writer);
  const written = await time('write sections', async () =>
    writeSections(catalog, template, bundle, writer, {
      previous: recording
        ? await asService(requireDb(options.db), (tx) => previousSections(tx, bundle.user.id))
        : undefined,
      force: new Set((options.regenerate ?? []).map((r) => sectionRef(r.page, r.key))),
      // Alternatives are stored with the founder's sections; a bundle-file build has nowhere to keep them.
      alternatives: recording ? config.writers.alternatives : 0,
      // Asked for particular sections, the founder gets those rewritten, not the whole site upgraded.
      upgrade: !options.regenerate?.length,
    }),
  );
  // The renderer may bundle the pages now: which components they show is settled with the copy.
  options.renderer?.shows?.(shownComponents(written));
  const brand = await time('derive brand', async () => {
    const db = source.kind === 'founder' ? options.db : undefined;
    const stored = db ? await asService(db, (tx) => storedPaletteChoice(tx, bundle.user.id)) : null;
    return deriveBrand(bundle, written, config.cacheDir, {
      storedPalette: stored,
      requestedPalette: options.palette,
    });
  });
  // The founder's chosen domain (save-domain) when there is one; else the configured address.
  const domain =
    source.kind === 'founder'
      ? await asService(requireDb(options.db), (tx) => chosenDomain(tx, bundle.user.id))
      : null;
  const siteUrl = siteAddress(domain, config.siteUrlFor(bundle.user.slug));
  const spec = siteSpecFor({ bundle, templateId: template.id, theme, written, siteUrl, brand });
  // The record is one transaction that ends with the build (recordBuild): a failed build records nothing.
  // The catalogue's templates are written first, in a short transaction of their own (their rows do not
  // depend on this build): on PostgreSQL the upserts lock them, and every other build syncs them too.
  const record = (db: Database, built: Promise<BuildResult>, templatesSynced: Promise<unknown>) =>
    templatesSynced.then(() =>
      asBuild(db, bundle.user.id, async (tx) => {
        const r = await recordGeneration(tx, {
          bundle,
          templateId: template.id,
          templateVersion: template.versionHash,
          themeId: theme.id,
          spec,
          sections: written.all,
          branding: { palette: brand.palette, source: brand.paletteSource },
          palette: { options: brand.paletteOptions, selected: brand.selectedPalette },
        });
        await recordMediaSwatches(tx, bundle.user.id, brand.mediaSwatches);
        await recordBuild(tx, r.websiteId, { dir: outDir, hash: (await built).hash });
        return { website_id: r.websiteId, sections_written: r.written, sections_kept: r.kept };
      }),
    );
  const syncTemplatesOf = (db: Database) => asBuild(db, bundle.user.id, (tx) => syncTemplates(tx, catalog));
  // With the pages rendering in another process (`dreamseed generate`), this one writes the record while
  // they render, and after the build only adds the build's hash and commits. Rendering here, the event loop
  // would keep the transaction open for the whole render; on a database other processes share, they would
  // wait for it; so there the record follows the build.
  const building = time('build', () => buildSite(spec, brand, outDir, { renderer: options.renderer }));
  const ahead = recording && options.renderer && !options.db?.serialised ? requireDb(options.db) : undefined;
  const recordedAhead = ahead ? record(ahead, building, syncTemplatesOf(ahead)) : undefined;
  recordedAhead?.catch(noop); // awaited below, or its rollback before the build's error is rethrown
  const build = await building.catch(async (error: unknown) => {
    // Rolled back before anything else can fail and the caller closes the database.
    await recordedAhead?.catch(noop);
    throw error;
  });
  let recorded: GenerateSummary['recorded'] = null;
  if (options.db && source.kind === 'founder') {
    const db = options.db;
    // Written during the build, the record's stage time is what was left of it after the build.
    recorded = await time(
      'record',
      () => recordedAhead ?? record(db, Promise.resolve(build), syncTemplatesOf(db)),
    );
  }
  warnings.push(...written.warnings);
  // A page built with nothing in it is a preview of what is missing, not a site; one that shows only the
  // name (and what else is known) still needs the facts a visitor looks for. Either way, say which.
  for (const page of written.pages) {
    const built = spec.pages.find((p) => p.slug === page.slug);
    const waiting = page.sections.filter((s) => s.status === 'needs_input').flatMap((s) => s.missing);
    const wanted = page.sections
      .filter((s) => s.status === 'draft' && s.required)
      .flatMap((s) => catalog.sections.get(s.type)?.wants ?? [])
      .filter((field) => !hasInput(bundle, field));
    const needs = [...new Set(built?.sections.length ? wanted : waiting)];
    if (built?.sections.length && !needs.length) continue;
    const thin = Boolean(built?.sections.length);
    const it = needs.length === 1 ? 'it' : 'them';
    warnings.push(
      thin
        ? `${hrefOf(page.slug)} shows only what the DNA holds so far: it needs ${needs.join(', ')}. Add ${it} to the DNA (a consultation call) and generate again before publishing.`
        : `${hrefOf(page.slug)} has nothing to show yet${needs.length ? `: it needs ${needs.join(', ')}` : ''}. Fill ${it} in with \`dreamseed sections edit\` (or a consultation call) before publishing.`,
    );
  }
  warnings.push(
    ...mediaReport({
      bundle,
      written,
      founder: source.kind === 'founder' ? bundle.user.slug : null,
      drafts,
    }),
  );

  let score: GenerateSummary['score'] = null;
  if (options.score) {
    // Lighthouse, Chromium and the checkers load only for a build that is scored.
    const { recordScore, scoreSite } = await import('./stages/score-site.ts');
    const report = await time('score', () => scoreSite({ dir: outDir, bundle }));
    if (options.db && recorded) {
      const [db, websiteId] = [options.db, recorded.website_id];
      await asBuild(db, bundle.user.id, (tx) => recordScore(tx, websiteId, report));
    }
    score = { ...report.summary, reasons: report.failures, reports_dir: report.reports_dir };
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
      page: pagePath(s.page),
      key: s.key,
      type: s.type,
      variant: s.variant,
      // A reused section keeps its stored revision, approved or rejected as the founder left it.
      status: s.origin === 'reused' && s.current && s.status !== 'needs_input' ? s.current.status : s.status,
      fields_used: s.provenance.fields.map((f) => f.field),
      missing: s.missing,
      writer: s.provenance.writer,
      origin: s.origin,
      stale: s.stale,
      alternatives: s.alternatives.length,
    })),
    pages: build.pages,
    out_dir: displayPath(outDir),
    build_hash: build.hash,
    bytes: build.bytes,
    recorded,
    palette: brand.paletteReport,
    usage: written.usage,
    warnings,
    timings_ms: timings,
    score,
  };
  return { summary, spec, brand };
}

const noop = () => {};

function requireDb(db: Database | undefined): Database {
  if (!db) throw new Error('generateSite: a database is required to load a founder');
  return db;
}

/** A path as a person would type it from here: relative inside the working directory, absolute outside. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
