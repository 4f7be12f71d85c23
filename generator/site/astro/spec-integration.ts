import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { repoRoot } from '../../paths.ts';
import { componentKeys, type SiteSpec } from '../spec.ts';

const MODULE_ID = 'virtual:dreamseed/spec';
const SECTIONS_ID = 'virtual:dreamseed/sections';

/** The repository's section folders: what a site is built from unless a build names others (`templates lint` on a copy). */
export const defaultSectionsDir = join(repoRoot, 'sections');

/**
 * Feeds one site's spec to the Astro build: the section components it shows
 * as the virtual module `virtual:dreamseed/sections`
 * (`<sectionsDir>/<type>/<variant>.astro`, keyed `type/variant`; folders
 * starting with `_` hold shared parts), and the spec itself as
 * `virtual:dreamseed/spec`. Only the components the site shows: a page
 * carries the styles of every component in its module graph, so one that the
 * site does not show would cost its pages bytes.
 *
 * The spec may still be on its way (a promise), and the bundle does not wait
 * for it: the spec module reads it when the pages render, in this process
 * (Astro renders its bundle in the process that built it), so Astro configures
 * itself, compiles and bundles meanwhile. What the bundle needs is which
 * components to import: `shown`, when given, names them before the spec comes
 * (the pipeline knows them once the copy is written; the spec must then show
 * exactly those, or the build fails saying so); else the spec's own list.
 * `warm`, when given, names components to compile while waiting (the
 * template's, a superset of what the spec will show); a compiled component
 * that no module imports is not part of the build (site/astro/render-ahead.ts).
 *
 * Call `release` when the build has ended, whichever way: it forgets the spec.
 */
export function siteSpecIntegration(
  spec: SiteSpec | Promise<SiteSpec>,
  sectionsDir = defaultSectionsDir,
  options: { warm?: Promise<string[]> | undefined; shown?: Promise<string[]> | undefined } = {},
): AstroIntegration & { release(): void } {
  const specNow = Promise.resolve(spec);
  const components = componentFiles(sectionsDir);
  const shown = options.shown ?? specNow.then(componentsOf);
  const checked = Promise.all([specNow, shown]).then(([s, told]) => {
    const [shows, expected] = [componentsOf(s).join(', '), [...new Set(told)].sort().join(', ')];
    if (shows !== expected)
      throw new Error(
        `The site spec shows ${shows}, but the build was told it would show ${expected}: the components named before the spec (PageRenderer.shows) must be the spec's own.`,
      );
    // The pages get a copy, as plain as it was when the bundle held it as JSON: what they render cannot
    // differ from what a renderer in another process (which gets it as JSON) renders, nor change the caller's.
    return JSON.parse(JSON.stringify(s)) as SiteSpec;
  });
  // Rejected only when a page reads it (the build then fails with it), not as an unhandled rejection before.
  checked.catch(() => {});
  const id = randomUUID();
  specsOfBuilds().set(id, checked);
  const sources: Record<string, () => Promise<string>> = {
    [MODULE_ID]: async () =>
      [
        `const spec = globalThis[Symbol.for(${JSON.stringify(SPECS)})]?.get(${JSON.stringify(id)});`,
        // Astro's default prerenderer renders in this process; one that renders elsewhere would not find it.
        `if (!spec) throw new Error('The site spec of build ${id} is not in this process: the pages must render in the process that bundled them.');`,
        'export default await spec;',
      ].join('\n'),
    [SECTIONS_ID]: () => shown.then((keys) => sectionsModule(components, keys)),
  };
  return {
    name: 'dreamseed-spec',
    release: () => specsOfBuilds().delete(id),
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
                    // Not awaited: the compiles run while this module waits for the components.
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

/**
 * The specs of the builds under way in this process, by build: what the spec module of each build's
 * bundle reads (a global, because the bundle is a separate module graph that Astro imports).
 */
const SPECS = 'dreamseed.site-specs';
type SpecTable = Map<string, Promise<SiteSpec>>;
function specsOfBuilds(): SpecTable {
  const holder = globalThis as unknown as Record<symbol, SpecTable | undefined>;
  holder[Symbol.for(SPECS)] ??= new Map();
  return holder[Symbol.for(SPECS)]!;
}

/** The components (`type/variant`) a spec's pages show: the header, the footer and every page's sections. */
export function componentsOf(spec: SiteSpec): string[] {
  return componentKeys([spec.header, spec.footer, ...spec.pages.flatMap((p) => p.sections)]);
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
