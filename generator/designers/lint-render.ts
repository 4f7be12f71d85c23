import type { TemplateDefinition } from '../catalog/define-template.ts';
import type { Catalog } from '../catalog/registry.ts';
import { loadConfig } from '../config.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { buildSiteSpec } from '../site/build-spec.ts';
import type { SiteSpec } from '../site/spec.ts';
import { type BuildResult, buildSite } from '../stages/build-site.ts';
import { type Brand, deriveBrand } from '../stages/derive-brand.ts';
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
  const build = options.build
    ? await buildSite(spec, brand, options.outDir, { sectionsDir: options.sectionsDir })
    : null;
  return { spec, brand, build };
}
