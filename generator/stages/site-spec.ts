import { buildSiteSpec } from '../site/build-spec.ts';
import type { SiteSpec } from '../site/spec.ts';
import type { Brand } from './derive-brand.ts';

type SpecInput = Parameters<typeof buildSiteSpec>[0];

/**
 * The site spec of a build from what the stages made: the written sections,
 * and the brand's palette, images, favicon and logo (as an absolute URL on the
 * site's address, for JSON-LD). The pipeline and `templates lint` build the
 * same way.
 */
export function siteSpecFor(
  input: Pick<SpecInput, 'bundle' | 'templateId' | 'theme' | 'written' | 'siteUrl'> & { brand: Brand },
): SiteSpec {
  const { brand, ...rest } = input;
  const logo = brand.logoAsset ? brand.images[brand.logoAsset] : undefined;
  return buildSiteSpec({
    ...rest,
    palette: brand.palette,
    images: brand.images,
    favicon: brand.favicon.path,
    logoUrl: logo ? new URL(logo.src.slice(1), input.siteUrl).toString() : null,
  });
}
