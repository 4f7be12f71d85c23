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
 * `virtual:dreamseed/spec`, and the section components it shows as
 * `virtual:dreamseed/sections` (`<sectionsDir>/<type>/<variant>.astro`, keyed
 * `type/variant`; folders starting with `_` hold shared parts). Only those: a
 * page carries the styles of every component in its module graph, so one
 * that the site does not show would cost its pages bytes.
 *
 * The spec may still be on its way (a promise): nothing else in the build
 * depends on it, so Astro configures itself and compiles the routes and the
 * layout meanwhile, and only these two modules wait (site/astro/render-ahead.ts).
 * `warm`, when given, names components to compile while waiting (the
 * template's, a superset of what the spec will show); a compiled component
 * that no module imports is not part of the build.
 */
export function siteSpecIntegration(
  spec: SiteSpec | Promise<SiteSpec>,
  sectionsDir = defaultSectionsDir,
  options: { warm?: Promise<string[]> | undefined } = {},
): AstroIntegration {
  const specNow = Promise.resolve(spec);
  const components = componentFiles(sectionsDir);
  const sources: Record<string, () => Promise<string>> = {
    [MODULE_ID]: () => specNow.then((s) => `export default ${JSON.stringify(s)};`),
    [SECTIONS_ID]: () => specNow.then((s) => sectionsModule(components, componentsOf(s))),
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
                load(id: string) {
                  if (!id.startsWith('\0') || !(id.slice(1) in sources)) return undefined;
                  if (id.slice(1) === SECTIONS_ID && options.warm) {
                    // Not awaited: the compiles run while this module waits for the spec.
                    void options.warm.then((keys) => {
                      for (const key of keys) {
                        const file = components.get(key);
                        if (file) this.load({ id: file }).catch(() => {});
                      }
                    });
                  }
                  return sources[id.slice(1)]!();
                },
              },
            ],
          },
        });
      },
    },
  };
}

/** The components (`type/variant`) a spec's pages show: the header, the footer and every page's sections. */
export function componentsOf(spec: SiteSpec): string[] {
  const sections = [spec.header, spec.footer, ...spec.pages.flatMap((p) => p.sections)];
  return [...new Set(sections.map((s) => `${s.type}/${s.variant}`))].sort();
}

/** Every component of a sections folder: `type/variant` → file. */
function componentFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (existsSync(dir))
    for (const type of readdirSync(dir, { withFileTypes: true })) {
      if (!type.isDirectory() || type.name.startsWith('_') || type.name.startsWith('.')) continue;
      for (const file of readdirSync(join(dir, type.name)).sort())
        if (file.endsWith('.astro'))
          files.set(`${type.name}/${file.slice(0, -'.astro'.length)}`, join(dir, type.name, file));
    }
  return files;
}

function sectionsModule(files: Map<string, string>, keys: string[]): string {
  const entries = keys.filter((k) => files.has(k)).map((k): [string, string] => [k, files.get(k)!]);
  const imports = entries.map(([, path], i) => `import C${i} from ${JSON.stringify(path)};`);
  const table = entries.map(([key], i) => `  ${JSON.stringify(key)}: C${i},`);
  return `${imports.join('\n')}\nexport default {\n${table.join('\n')}\n};\n`;
}
