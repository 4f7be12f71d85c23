import type { AstroIntegration } from 'astro';
import type { SiteSpec } from '../spec.ts';

const MODULE_ID = 'virtual:dreamseed/spec';
const RESOLVED_ID = `\0${MODULE_ID}`;

/** Feeds one site's spec to the Astro build as the virtual module `virtual:dreamseed/spec`. */
export function siteSpecIntegration(spec: SiteSpec): AstroIntegration {
  const source = `export default ${JSON.stringify(spec)};`;
  return {
    name: 'dreamseed-spec',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'dreamseed-spec',
                resolveId: (id: string) => (id === MODULE_ID ? RESOLVED_ID : undefined),
                load: (id: string) => (id === RESOLVED_ID ? source : undefined),
              },
            ],
          },
        });
      },
    },
  };
}
