import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'astro';
import { DreamseedError, errors } from '../../errors.ts';
import { repoRoot } from '../../paths.ts';
import type { SiteSpec } from '../spec.ts';
import { siteSpecIntegration } from './spec-integration.ts';

/**
 * Renders a site spec's pages with Astro's programmatic build into a fresh work
 * folder, which the build stage (stages/build-site.ts) then completes and moves
 * into place. Two renderers: this one, in the calling process, and
 * render-ahead.ts, a child process that starts Astro before the spec exists.
 */
export interface PageRenderer {
  /**
   * The components (`type/variant`) the spec will use, or more, as soon as they are known: a renderer that
   * has started may compile them while the spec is being written. Optional to call and to implement.
   */
  expect?(components: string[]): void;
  /**
   * Exactly the components the spec will show (`componentsOf`), once they are known: the pipeline knows
   * them when the copy is written, before the palette and images, and a renderer that has started may
   * bundle the pages meanwhile. The spec must then show exactly these. Optional to call and to implement.
   */
  shows?(components: string[]): void;
  /** The work folder the pages were rendered into (the caller moves or removes it). */
  render(spec: SiteSpec): Promise<string>;
}

/**
 * Where a render writes. Astro writes its prerender chunks to `<outDir>/.prerender` when outDir lies inside
 * the working directory, and otherwise to the shared `<cwd>/.astro/`, where two processes building at once
 * corrupt each other's chunks; the chunks also import packages, so they must sit under the repository's
 * node_modules. So every render writes to its own work folder inside the repository, with the repository as
 * working directory, and the build stage then moves the result next to the site's folder.
 */
export function workFolder(name: string): string {
  return join(repoRoot, 'node_modules', '.cache', 'dreamseed-builds', name);
}

/**
 * Astro's build first syncs the project's content collections and generates their types, in a Vite server
 * of its own that it starts and stops (~100–180 ms of a cold build). Sites have neither content collections
 * nor types to generate, so the build skips it: `sync: false` is an option of the builder Astro's `build()`
 * hands its options to (`AstroBuilderOptions` in astro/dist/core/build), not of the public `BuildOptions`,
 * hence the cast. tests/generator/site/astro/render-pages.test.ts checks that Astro still honours it.
 */
const WITHOUT_SYNC = { sync: false } as Parameters<typeof build>[1];

/** The Astro build of one spec, as both renderers run it: the spec may still be on its way. */
export async function renderWithAstro(
  spec: SiteSpec | Promise<SiteSpec>,
  work: string,
  options: {
    sectionsDir?: string | undefined;
    warm?: Promise<string[]> | undefined;
    shown?: Promise<string[]> | undefined;
  } = {},
): Promise<void> {
  await rm(work, { recursive: true, force: true });
  // A founder's build is not the operator's Astro project: no usage report to Astro (which also costs a
  // `git` subprocess and a network attempt per build). ASTRO_TELEMETRY_DISABLED set by the caller is kept.
  process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
  const site = siteSpecIntegration(spec, options.sectionsDir, { warm: options.warm, shown: options.shown });
  try {
    // No `site`: the pages take their addresses from the spec (which may not have arrived yet), and the
    // build stage writes the sitemap and robots.txt from it.
    await build(
      {
        root: repoRoot,
        configFile: 'astro.config.mjs',
        outDir: work,
        logLevel: 'silent',
        mode: 'production',
        integrations: [site],
      },
      WITHOUT_SYNC,
    );
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    if (error instanceof DreamseedError) throw error;
    throw errors.buildFailed((await spec).site.slug, error);
  } finally {
    site.release();
  }
  await rm(join(work, '.prerender'), { recursive: true, force: true });
}

let renders = 0;

/** Renders in this process (one at a time: the working directory is the repository's while Astro runs). */
export function inProcessRenderer(sectionsDir?: string): PageRenderer {
  return {
    async render(spec) {
      const work = workFolder(`${process.pid}-${++renders}`);
      const cwd = process.cwd();
      process.chdir(repoRoot);
      try {
        await renderWithAstro(spec, work, { sectionsDir });
      } finally {
        process.chdir(cwd);
      }
      return work;
    },
  };
}
