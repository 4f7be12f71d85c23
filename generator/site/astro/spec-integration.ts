import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { repoRoot } from '../../paths.ts';
import type { SiteSpec } from '../spec.ts';

const MODULE_ID = 'virtual:dreamseed/spec';
const SECTIONS_ID = 'virtual:dreamseed/sections';

/** The repository's section folders: what a site is built from unless a build names others (`templates lint` on a copy). */
export const defaultSectionsDir = join(repoRoot, 'sections');

/**
 * Feeds one site's spec to the Astro build as the virtual module
 * `virtual:dreamseed/spec`, and the section components it may use as
 * `virtual:dreamseed/sections` (every `<sectionsDir>/<type>/<variant>.astro`,
 * keyed `type/variant`; folders starting with `_` hold shared parts).
 */
export function siteSpecIntegration(spec: SiteSpec, sectionsDir = defaultSectionsDir): AstroIntegration {
  const sources: Record<string, string> = {
    [MODULE_ID]: `export default ${JSON.stringify(spec)};`,
    [SECTIONS_ID]: sectionsModule(sectionsDir),
  };
  return {
    name: 'dreamseed-spec',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'dreamseed-spec',
                resolveId: (id: string) => (id in sources ? `\0${id}` : undefined),
                load: (id: string) => (id.startsWith('\0') ? sources[id.slice(1)] : undefined),
              },
            ],
          },
        });
      },
    },
  };
}

function sectionsModule(dir: string): string {
  const entries: [string, string][] = [];
  if (existsSync(dir))
    for (const type of readdirSync(dir, { withFileTypes: true })) {
      if (!type.isDirectory() || type.name.startsWith('_') || type.name.startsWith('.')) continue;
      for (const file of readdirSync(join(dir, type.name)).sort())
        if (file.endsWith('.astro'))
          entries.push([`${type.name}/${file.slice(0, -'.astro'.length)}`, join(dir, type.name, file)]);
    }
  entries.sort(([a], [b]) => a.localeCompare(b));
  const imports = entries.map(([, path], i) => `import C${i} from ${JSON.stringify(path)};`);
  const table = entries.map(([key], i) => `  ${JSON.stringify(key)}: C${i},`);
  return `${imports.join('\n')}\nexport default {\n${table.join('\n')}\n};\n`;
}
