import type { TemplateDefinition } from '../catalog/define-template.ts';
import type { Catalog } from '../catalog/registry.ts';
import { loadConfig } from '../config.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { SiteSpec } from '../site/spec.ts';
import { type BuildResult, buildSite } from '../stages/build-site.ts';
import { type Brand, deriveBrand } from '../stages/derive-brand.ts';
import { siteSpecFor } from '../stages/site-spec.ts';
import { writeSections } from '../stages/write-sections.ts';
import { createOfflineWriter } from '../writers/offline.ts';

/**
 * One template rendered for one DNA by the real stages, as `generate --dna`
 * does: the offline writer (deterministic, no network), the brand stage (the
 * palette options) and, with `build`, one Astro build into `outDir` with the
 * catalogue's own section components. Nothing is recorded.
 */
export interface RenderedCase {
  spec: SiteSpec;
  brand: Brand;
  build: BuildResult | null;
}

export async function renderCase(
  catalog: Catalog,
  template: TemplateDefinition,
  bundle: DnaBundle,
  options: { outDir: string; build: boolean; sectionsDir: string },
): Promise<RenderedCase> {
  const config = loadConfig();
  const theme = catalog.themes.get(template.theme);
  if (!theme) throw new Error(`template ${template.id}: unknown theme "${template.theme}"`);
  const written = await writeSections(catalog, template, bundle, createOfflineWriter());
  const brand = await deriveBrand(bundle, written, config.cacheDir);
  const siteUrl = config.siteUrlFor(bundle.user.slug);
  const spec = siteSpecFor({ bundle, templateId: template.id, theme, written, siteUrl, brand });
  const build = options.build
    ? await buildSite(spec, brand, options.outDir, { sectionsDir: options.sectionsDir })
    : null;
  return { spec, brand, build };
}
