import type { Database } from '../db/database.ts';
import { generateSiteDetailed } from '../pipeline.ts';
import type { Writer } from '../writers/writer.ts';
import type { QueuedBuildOptions } from './build-options.ts';

/**
 * One automatic build: exactly what `dreamseed generate --user ID` does (same
 * pipeline, same preview folder `.dreamseed/sites/<slug>/`, recorded the same
 * way), reporting what it cost. Sections are rewritten only where their
 * inputs changed (input hashes), images encoded only when their bytes are new
 * (variant and swatch caches keyed by content hash), so a build after one edit
 * redoes only what that edit touched. Same inputs give the same bytes.
 */
export interface BuildRequest {
  userId: string;
  jobId: string;
  /** What the person who asked for the build chose (build-options.ts); none for an edit's rebuild. */
  options?: QueuedBuildOptions | undefined;
}

export interface BuildOutcome {
  slug: string;
  out_dir: string;
  build_hash: string;
  bytes: number;
  pages: number;
  sections: { written: number; kept: number; stale: string[] };
  images: { variant_sets_encoded: number; swatches_computed: number };
  warnings: string[];
  timings_ms: Record<string, number>;
  duration_ms: number;
  /** The process that built, and its resident memory after the build (MiB). */
  pid: number;
  rss_mb: number;
}

export async function runBuild(
  db: Database,
  request: BuildRequest,
  options: { writer?: Writer | undefined } = {},
): Promise<BuildOutcome> {
  const started = performance.now();
  const { summary, brand } = await generateSiteDetailed({
    source: { kind: 'founder', idOrSlug: request.userId },
    db,
    writer: options.writer ?? request.options?.writer,
    template: request.options?.template,
    regenerate: request.options?.regenerate,
  });
  return {
    slug: summary.founder.slug,
    out_dir: summary.out_dir,
    build_hash: summary.build_hash,
    bytes: summary.bytes,
    pages: summary.pages.length,
    sections: {
      written: summary.recorded?.sections_written ?? 0,
      kept: summary.recorded?.sections_kept ?? 0,
      stale: summary.sections.filter((s) => s.stale).map((s) => `${s.page}#${s.key}`),
    },
    images: {
      variant_sets_encoded: brand.work.variantSetsEncoded,
      swatches_computed: brand.work.swatchesComputed,
    },
    warnings: summary.warnings,
    timings_ms: summary.timings_ms,
    duration_ms: Math.round(performance.now() - started),
    pid: process.pid,
    rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}
