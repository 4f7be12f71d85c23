import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from '../../paths.ts';

/**
 * The page renderer's process (render-ahead-process.ts) as one bundle of its ES modules, Astro's among them.
 *
 * Why: the renderer's Node process spends most of its start importing Astro: ~550 modules, each resolved,
 * read and linked by Node's module loader (about 0.8 s of a cold `generate` on the 2-core bench machine,
 * on the path every build waits for). Bundled, the same code loads in about half that time. The pages it
 * renders are the same bytes (tests/generator/site/astro/renderer-bundle.test.ts renders with both).
 *
 * What stays outside the bundle, imported from its installed file (a path relative to the bundle):
 * packages with native code or that must stay one instance (vite, rolldown, esbuild, lightningcss,
 * Astro's compiler, sharp), every CommonJS file (Node's own loader runs those, with their dynamic
 * `require`s), Node's built-ins, and Vite's `virtual:` modules. Every `import.meta.url` in the bundled
 * code is replaced by the URL of the file it was written in, so the paths a module works out from it (its
 * package's files, `createRequire`) are the ones it sees unbundled. A bundle that would still read
 * `import.meta` any other way is refused.
 *
 * When it is used: `forkRenderer` runs it when `freshRendererBundle()` finds one made from the installed
 * packages (node_modules/.package-lock.json, which npm rewrites on every install) and from the current
 * text of each of the project's own files in it; else the TypeScript entry, as before. It is made by
 * `npm ci`/`npm install` (the `postinstall` script, scripts/bundle-renderer.ts), and again by a renderer
 * that ran from source because none was fresh, after it has answered (off the command's path).
 * DREAMSEED_RENDERER_BUNDLE=off runs the renderer from source and makes none.
 */
export const BUNDLE_ROOT = join(repoRoot, 'node_modules', '.cache', 'dreamseed-renderer');
export const SOURCE_ENTRY = fileURLToPath(new URL('./render-ahead-process.ts', import.meta.url));

/** Bumped when what goes into a bundle changes: a bundle of another format is not used. */
const FORMAT = 1;
const ENTRY_FILE = 'renderer.mjs';
const MANIFEST = 'current.json';
/** Packages imported from their installed files, never bundled: native code, or one instance per process. */
const SEPARATE = new Set([
  'vite',
  'rolldown',
  'esbuild',
  'lightningcss',
  '@astrojs/compiler-rs',
  'sharp',
  'fsevents',
]);
/** A build folder or an unused bundle older than this is removed by the next build. */
const STALE_MS = 10 * 60_000;

interface Manifest {
  format: number;
  /** The bundle's folder under the root. */
  dir: string;
  /** sha256 of node_modules/.package-lock.json when it was made. */
  lock: string;
  /** The project's own files in it (repository-relative) → sha256 of their text. */
  inputs: Record<string, string>;
}

export interface BundleResult {
  entry: string;
  /** Modules in the bundle (the project's own and its packages'). */
  modules: number;
  /** The project's own files among them. */
  ownFiles: number;
  ms: number;
}

// node:crypto and node:module load when used: every command's start imports this module (through
// renderer-process.ts), and `--help` needs neither.
const sha256 = (data: string | Buffer) =>
  process.getBuiltinModule('node:crypto').createHash('sha256').update(data).digest('hex');
const lockFile = () => join(repoRoot, 'node_modules', '.package-lock.json');

/** Whether the renderer may run from a bundle (and a renderer may make one): DREAMSEED_RENDERER_BUNDLE. */
export function rendererBundleOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DREAMSEED_RENDERER_BUNDLE !== 'off';
}

/**
 * The entry of the bundle made from the installed packages and the current sources, or undefined (none,
 * or made from other files). Reads the manifest, the package lock and the project's files it lists
 * (a few milliseconds); never throws.
 */
export function freshRendererBundle(root = BUNDLE_ROOT): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as Manifest;
    if (manifest.format !== FORMAT || manifest.lock !== sha256(readFileSync(lockFile()))) return undefined;
    for (const [file, hash] of Object.entries(manifest.inputs))
      if (sha256(readFileSync(join(repoRoot, file))) !== hash) return undefined;
    const entry = join(root, manifest.dir, ENTRY_FILE);
    return existsSync(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the bundle: written to a folder of its own, moved into place whole, then named in the manifest (a
 * process reading the manifest meanwhile sees the old bundle or the new one, never half of one). Folders
 * of earlier bundles are removed once they are STALE_MS old (a renderer started from one a moment ago
 * still finds its files).
 */
export async function buildRendererBundle(root = BUNDLE_ROOT): Promise<BundleResult> {
  const started = performance.now();
  const lock = sha256(readFileSync(lockFile()));
  const { rolldown } = await import('rolldown');
  mkdirSync(root, { recursive: true });
  const work = join(
    root,
    `building-${process.pid}-${process.getBuiltinModule('node:crypto').randomUUID().slice(0, 8)}`,
  );
  try {
    const bundle = await rolldown({
      input: SOURCE_ENTRY,
      platform: 'node',
      logLevel: 'silent',
      plugins: [separatePackages(), fileUrls()],
    });
    let output: Awaited<ReturnType<typeof bundle.write>>['output'];
    try {
      ({ output } = await bundle.write({
        dir: work,
        format: 'esm',
        entryFileNames: ENTRY_FILE,
        chunkFileNames: '[name]-[hash].mjs',
        // An installed file is imported by its path relative to the bundle's folder (every chunk is written
        // there; the folder it is moved to is beside it), so a copy of the repository elsewhere still works.
        paths: (id) => (id.startsWith('/') ? relative(work, id).split(sep).join('/') : id),
      }));
    } finally {
      await bundle.close();
    }
    const modules = new Set<string>();
    for (const file of output) {
      if (file.type !== 'chunk') continue;
      for (const id of file.moduleIds) modules.add(id);
      // Generated code in strings names import.meta.env; what would read the bundle's own URL must not remain.
      if (/\bimport\.meta\.(url|dirname|filename)\b/.test(file.code))
        throw new Error(
          `${file.fileName} still reads import.meta's file URL, which would point into the bundle`,
        );
    }
    // The bundling rules (this file) are an input too: a bundle made by other rules is not used.
    const inputs: Record<string, string> = {};
    for (const id of [...modules, fileURLToPath(import.meta.url)].sort()) {
      if (!id.startsWith(repoRoot + sep) || id.includes(`${sep}node_modules${sep}`)) continue;
      inputs[relative(repoRoot, id).split(sep).join('/')] = sha256(readFileSync(id));
    }
    const dir = sha256(JSON.stringify({ FORMAT, lock, inputs })).slice(0, 16);
    if (existsSync(join(root, dir, ENTRY_FILE))) rmSync(work, { recursive: true, force: true });
    else {
      rmSync(join(root, dir), { recursive: true, force: true });
      renameSync(work, join(root, dir));
    }
    const manifest: Manifest = { format: FORMAT, dir, lock, inputs };
    const next = join(root, `${MANIFEST}.${process.pid}`);
    writeFileSync(next, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(next, join(root, MANIFEST));
    removeStale(root, dir);
    return {
      entry: join(root, dir, ENTRY_FILE),
      modules: modules.size,
      ownFiles: Object.keys(inputs).length,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * At most one renderer makes a bundle at a time (the others go on from source): the lock is a file
 * created exclusively, taken over when it is older than STALE_MS. Resolves false when another holds it.
 */
export async function buildRendererBundleOnce(root = BUNDLE_ROOT): Promise<boolean> {
  mkdirSync(root, { recursive: true });
  const lock = join(root, 'building.lock');
  try {
    writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs < STALE_MS) return false;
      writeFileSync(lock, `${process.pid}\n`);
    } catch {
      return false;
    }
  }
  try {
    await buildRendererBundle(root);
    return true;
  } finally {
    rmSync(lock, { force: true });
  }
}

function removeStale(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    if (name === keep || name === MANIFEST || name === 'building.lock') continue;
    const path = join(root, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // best effort: another build may be removing it too
    }
  }
}

type Resolver = {
  resolve(
    source: string,
    importer: string | undefined,
    options: { skipSelf: boolean; kind?: unknown },
  ): Promise<{ id: string; external?: unknown } | null>;
};

/** Keeps out of the bundle what must load from its installed file (see the module comment). */
function separatePackages() {
  const builtins = new Set(process.getBuiltinModule('node:module').builtinModules);
  const typeOf = new Map<string, string>();
  return {
    name: 'dreamseed-separate-packages',
    async resolveId(
      this: Resolver,
      source: string,
      importer: string | undefined,
      options: { kind?: unknown },
    ) {
      if (source.startsWith('node:') || builtins.has(source)) return { id: source, external: true };
      if (source.startsWith('virtual:')) return { id: source, external: true };
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const file = resolved.id;
      if (!file.includes(`${sep}node_modules${sep}`)) return resolved;
      const root = packageRoot(file);
      const name = root
        .slice(root.lastIndexOf(`${sep}node_modules${sep}`) + 14)
        .split(sep)
        .join('/');
      if (SEPARATE.has(name) || isCommonJs(file, typeOf)) return { id: file, external: true };
      return resolved;
    },
  };
}

/** A `.cjs` file, or a `.js` file whose nearest package.json does not say `"type": "module"`. */
function isCommonJs(file: string, typeOf: Map<string, string>): boolean {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    let type = typeOf.get(dir);
    if (type === undefined) {
      const pkg = join(dir, 'package.json');
      type = existsSync(pkg)
        ? ((JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type ?? 'commonjs')
        : '';
      typeOf.set(dir, type);
    }
    if (type !== '') return type !== 'module';
  }
  return true;
}

/**
 * `import.meta.url`, `.dirname` and `.filename` become the values they have in the file unbundled, and
 * `import.meta.resolve` of a string literal the URL it resolves to from that file (resolved now, with the import
 * conditions). A call with another argument stays: it resolves from the bundle's folder, inside the
 * project's node_modules, which finds the same packages as the file itself unless its package has a
 * node_modules folder of its own, and such a bundle is refused.
 */
function fileUrls() {
  return {
    name: 'dreamseed-file-urls',
    async transform(this: Resolver, code: string, id: string) {
      if (!code.includes('import.meta') || id.startsWith('\0')) return null;
      const url = pathToFileURL(id).href;
      let out = code
        .replaceAll('import.meta.url', JSON.stringify(url))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(id)))
        .replaceAll('import.meta.filename', JSON.stringify(id));
      for (const call of out.matchAll(/import\.meta\.resolve\((["'])([^"'`]+)\1\)/g)) {
        const resolved = await this.resolve(call[2]!, id, { skipSelf: false });
        if (resolved) out = out.replace(call[0], JSON.stringify(pathToFileURL(resolved.id).href));
      }
      if (out.includes('import.meta.resolve(') && existsSync(join(packageRoot(id), 'node_modules')))
        throw new Error(`${id} resolves modules at run time and its package has dependencies of its own`);
      return out === code ? null : out;
    },
  };
}

/** The folder of the package a file in node_modules belongs to. */
function packageRoot(file: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at === -1) return repoRoot;
  const rest = file.slice(at + marker.length).split(sep);
  return (
    file.slice(0, at + marker.length) + (rest[0]!.startsWith('@') ? `${rest[0]}${sep}${rest[1]}` : rest[0]!)
  );
}
