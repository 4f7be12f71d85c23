import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../generator/paths.ts';
import { inProcessRenderer } from '../../../../generator/site/astro/render-pages.ts';
import type { SiteSpec } from '../../../../generator/site/spec.ts';
import { htmlFiles } from '../../../helpers/html.ts';
import { useBakerySpec } from './bakery-spec.ts';

/**
 * The in-process renderer: Astro's build of a spec into a work folder of its
 * own, without Astro's content sync (sites have no content collections, and
 * the sync wrote type files into the repository's `.astro/` on every build).
 */
let spec: SiteSpec;
useBakerySpec('dreamseed-render-pages-', (made) => (spec = made));

/** What the repository's `.astro/` holds: each file with its modification time. */
function dotAstro(): Record<string, number> {
  const dir = join(repoRoot, '.astro');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => [f, statSync(join(dir, f)).mtimeMs]),
  );
}

describe('inProcessRenderer', { timeout: 120_000 }, () => {
  it("renders the spec's pages into its own work folder and leaves the project's .astro folder alone", async () => {
    const before = dotAstro();
    const work = await inProcessRenderer().render(spec);
    expect(work.startsWith(join(repoRoot, 'node_modules', '.cache', 'dreamseed-builds'))).toBe(true);
    expect(htmlFiles(work)).toEqual(['404.html', 'about/index.html', 'contact/index.html', 'index.html']);
    // Astro's content sync (types for content collections) would have written content.d.ts and types.d.ts.
    expect(dotAstro()).toEqual(before);
    rmSync(work, { recursive: true, force: true });
  });

  it('gives the pages the spec in this process, and forgets it when the build ends either way', async () => {
    // The bundle's spec module reads the spec from this table while the pages render (spec-integration.ts).
    const specs = () =>
      (globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>)[
        Symbol.for('dreamseed.site-specs')
      ];
    const work = await inProcessRenderer().render(spec);
    expect(specs()?.size).toBe(0);
    rmSync(work, { recursive: true, force: true });
    const broken = structuredClone(spec);
    broken.pages[0]!.sections[0]!.variant = 'no-such-variant';
    await expect(inProcessRenderer().render(broken)).rejects.toMatchObject({ code: 'BUILD_FAILED' });
    expect(specs()?.size).toBe(0);
  });
});
