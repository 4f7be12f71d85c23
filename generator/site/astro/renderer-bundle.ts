import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin, RolldownLog } from 'rolldown';
import { repoRoot } from '../../paths.ts';

/**
 * The page renderer's process (render-ahead-process.ts) as one bundle of its ES modules, Astro's among them.
 *
 * Why: the renderer's Node process spends most of its start importing Astro: ~550 modules, each resolved,
 * read and linked by Node's module loader (about 0.8 s of a cold `generate` on the 2-core bench machine,
 * on the path every build waits for). Bundled, the same code loads in about half that time. The pages it
 * renders are the same bytes (tests/generator/site/astro/renderer-bundle.test.ts renders with both).
 *
 * What stays outside the bundle, imported from its installed file by a path relative to the bundle's
 * folder: packages with native code or that must stay one instance (vite, rolldown, esbuild, lightningcss,
 * Astro's compiler, sharp), every CommonJS file (Node's own loader runs those, with their dynamic
 * `require`s), Node's built-ins, and Vite's `virtual:` modules. In the bundled code, `import.meta.url`,
 * `.dirname` and `.filename` become the values they have in the file unbundled, and
 * `import.meta.resolve('literal')` the URL it resolves to from that file, rewritten on each module's syntax
 * tree (not its text), so the paths a module works out (its package's files, `createRequire`) are the ones
 * it sees unbundled. A module that reads `import.meta` any other way that depends on where it lives, or
 * imports what cannot be resolved from where it lives, is refused, and with it the bundle.
 *
 * Those paths are absolute: a bundle belongs to its checkout (the manifest names it), and a moved or copied
 * checkout runs from source until its own bundle is made.
 *
 * When it is used: `forkRenderer` runs it when `freshRendererBundle()` finds one made in this checkout
 * from the installed packages (node_modules/.package-lock.json, which npm rewrites on every install) and
 * from the current text of each of the project's own files in it; else the TypeScript entry. It is made
 * by `npm ci`/`npm install` (the `postinstall` script, scripts/bundle-renderer.ts), and in the background
 * when a renderer ran from source because none was fresh (`makeBundleInBackground`: a process of its own,
 * at low priority, after the renderer has answered; one at a time; after a failure, not again for
 * STALE_MS, and the failure is kept in `last-failure.json`). Edits inside node_modules that npm did not
 * make are not noticed: `npm run bundle:renderer` remakes it. DREAMSEED_RENDERER_BUNDLE=off runs the
 * renderer from source and makes none.
 */
export const BUNDLE_ROOT = join(repoRoot, 'node_modules', '.cache', 'dreamseed-renderer');
export const SOURCE_ENTRY = fileURLToPath(new URL('./render-ahead-process.ts', import.meta.url));
const BUILDER = join(repoRoot, 'scripts', 'bundle-renderer.ts');

/** Bumped when what goes into a bundle changes: a bundle of another format is not used. */
const FORMAT = 2;
const ENTRY_FILE = 'renderer.mjs';
const MANIFEST = 'current.json';
const LOCK = 'building.lock';
const LAST_FAILURE = 'last-failure.json';
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
/**
 * A bundle replaced this long ago, or a build folder or lock this old, is removed by the next build (a
 * renderer started from a bundle a moment before it was replaced still finds its chunks). Also how long
 * a failed background build is not tried again.
 */
const STALE_MS = 10 * 60_000;
/** The `import.meta` properties whose value does not depend on the file's place (Vite's, undefined in Node). */
const PLACE_FREE = new Set(['env', 'hot', 'glob']);

interface Manifest {
  format: number;
  /** The checkout it was made in (the bundle holds its absolute paths). */
  root: string;
  /** The bundle's folder under the bundle root. */
  dir: string;
  /** sha256 of node_modules/.package-lock.json when it was made. */
  lock: string;
  /** The project's own files in it (repository-relative) → sha256 of the bytes bundled. */
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

// node:crypto loads when used: every command's start imports this module (through renderer-process.ts),
// and `--help` does not need it.
const sha256 = (data: Buffer) =>
  process.getBuiltinModule('node:crypto').createHash('sha256').update(data).digest('hex');
const lockHash = () => sha256(readFileSync(join(repoRoot, 'node_modules', '.package-lock.json')));
const posix = (path: string) => path.split(sep).join('/');
const NODE_MODULES = `${sep}node_modules${sep}`;

/** Whether the renderer may run from a bundle (and a renderer may make one): DREAMSEED_RENDERER_BUNDLE. */
export function rendererBundleOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DREAMSEED_RENDERER_BUNDLE !== 'off';
}

/**
 * The entry of the bundle made in this checkout from the installed packages and the current sources, or
 * undefined (none, or made from other files). Reads the manifest, the package lock and the project's files
 * it lists (a few milliseconds); never throws.
 */
export function freshRendererBundle(root = BUNDLE_ROOT): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as Manifest;
    if (manifest.format !== FORMAT || manifest.root !== repoRoot || manifest.lock !== lockHash())
      return undefined;
    for (const [file, hash] of Object.entries(manifest.inputs))
      if (sha256(readFileSync(join(repoRoot, file))) !== hash) return undefined;
    const entry = join(root, manifest.dir, ENTRY_FILE);
    return existsSync(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the bundle: written to a folder of its own, moved into place whole (its name is a hash of what it
 * was made from, so a folder already there is the same bundle and stays), then named in the manifest: a
 * process reading the manifest meanwhile sees the old bundle or the new one, never half of one.
 */
export async function buildRendererBundle(root = BUNDLE_ROOT): Promise<BundleResult> {
  const started = performance.now();
  const lock = lockHash();
  const { rolldown } = await import('rolldown');
  mkdirSync(root, { recursive: true });
  const work = join(
    root,
    `building-${process.pid}-${process.getBuiltinModule('node:crypto').randomUUID().slice(0, 8)}`,
  );
  const inputs: Record<string, string> = {};
  const refusals: string[] = [];
  try {
    const bundle = await rolldown({
      input: SOURCE_ENTRY,
      platform: 'node',
      // Node strips the project's types and reads no tsconfig.json: neither does the bundle.
      tsconfig: false,
      plugins: [separatePackages(), ownSources(inputs), placeOfModules()],
      onLog: (_level, log) => {
        const refusal = unresolvedRefusal(log);
        if (refusal) refusals.push(refusal);
      },
    });
    let output: Awaited<ReturnType<typeof bundle.write>>['output'];
    try {
      ({ output } = await bundle.write({
        dir: work,
        format: 'esm',
        entryFileNames: ENTRY_FILE,
        chunkFileNames: '[name]-[hash].mjs',
        // Every chunk is written in the one folder, moved whole beside it.
        paths: (id) => (id.startsWith('/') ? posix(relative(work, id)) : id),
      }));
    } finally {
      await bundle.close();
    }
    if (refusals.length) throw new Error(refusals.join('; '));
    const modules = output.reduce((n, file) => n + (file.type === 'chunk' ? file.moduleIds.length : 0), 0);
    // The bundling rules (this file) are an input too: a bundle made by other rules is not used.
    const rules = fileURLToPath(import.meta.url);
    inputs[posix(relative(repoRoot, rules))] = sha256(readFileSync(rules));
    const sorted = Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => a.localeCompare(b)));
    const dir = sha256(
      Buffer.from(JSON.stringify({ format: FORMAT, root: repoRoot, lock, inputs: sorted })),
    ).slice(0, 16);
    try {
      renameSync(work, join(root, dir));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      rmSync(work, { recursive: true, force: true });
    }
    const previous = readManifest(root)?.dir;
    const manifest: Manifest = { format: FORMAT, root: repoRoot, dir, lock, inputs: sorted };
    const next = join(root, `${MANIFEST}.${process.pid}`);
    writeFileSync(next, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(next, join(root, MANIFEST));
    // The replaced bundle's age counts from now: a renderer forked from it a moment ago still loads chunks.
    if (previous && previous !== dir && existsSync(join(root, previous))) {
      const now = new Date();
      utimesSync(join(root, previous), now, now);
    }
    removeStale(root, dir);
    return {
      entry: join(root, dir, ENTRY_FILE),
      modules,
      ownFiles: Object.keys(sorted).length,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Makes the bundle unless another process is making it (a lock file, created exclusively; taken over when
 * it is STALE_MS old) or it is fresh by the time the lock is taken.
 */
export async function buildRendererBundleOnce(root = BUNDLE_ROOT): Promise<'made' | 'fresh' | 'busy'> {
  mkdirSync(root, { recursive: true });
  const lock = join(root, LOCK);
  try {
    writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs < STALE_MS) return 'busy';
      writeFileSync(lock, `${process.pid}\n`);
    } catch {
      return 'busy';
    }
  }
  try {
    if (freshRendererBundle(root)) return 'fresh';
    await buildRendererBundle(root);
    return 'made';
  } finally {
    if (readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock, { force: true });
  }
}

/**
 * Starts `scripts/bundle-renderer.ts --background` in a process of its own, detached from the command's
 * output, at low priority (the renderer that calls this exits at once). Not after a failure less than
 * STALE_MS ago (`last-failure.json` says why). Returns the process, or undefined when none was started.
 */
export function makeBundleInBackground(root = BUNDLE_ROOT): ChildProcess | undefined {
  const failed = readJson<{ at: number }>(join(root, LAST_FAILURE));
  if (failed && Date.now() - failed.at < STALE_MS) return undefined;
  const child = spawn(process.execPath, [BUILDER, '--background', '--root', root], {
    cwd: repoRoot,
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', () => {});
  if (child.pid)
    try {
      process.getBuiltinModule('node:os').setPriority(child.pid, 10);
    } catch {
      // best effort: it runs at the caller's priority
    }
  child.unref();
  return child;
}

/** What a background build that failed leaves for whoever looks (and for `makeBundleInBackground`). */
export function recordFailure(root: string, error: unknown): void {
  mkdirSync(root, { recursive: true });
  const message = error instanceof Error ? error.message : String(error);
  writeFileSync(join(root, LAST_FAILURE), `${JSON.stringify({ at: Date.now(), message }, null, 2)}\n`);
}

function readManifest(root: string): Manifest | undefined {
  return readJson<Manifest>(join(root, MANIFEST));
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function removeStale(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    if (name === keep || name === MANIFEST || name === LOCK || name === LAST_FAILURE) continue;
    const path = join(root, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // best effort: another build may be removing it too
    }
  }
}

/** The folder of the package a file in node_modules belongs to (the repository for the project's files). */
function packageRoot(file: string): string {
  const at = file.lastIndexOf(NODE_MODULES);
  if (at === -1) return repoRoot;
  const [scope, name] = file.slice(at + NODE_MODULES.length).split(sep);
  return (
    file.slice(0, at + NODE_MODULES.length) + (scope!.startsWith('@') ? `${scope}${sep}${name}` : scope!)
  );
}

const packageName = (file: string) => {
  const root = packageRoot(file);
  return posix(root.slice(root.lastIndexOf(NODE_MODULES) + NODE_MODULES.length));
};

/**
 * An import the bundler could not resolve stays in the bundle as written and is resolved when it runs,
 * from the bundle's folder: the same as from its file only for a package name, and only when the
 * importing package has no node_modules of its own. Anything else refuses the bundle.
 */
function unresolvedRefusal(log: RolldownLog): string | undefined {
  if (log.code !== 'UNRESOLVED_IMPORT') return undefined;
  const [, specifier, importer] = /'([^']+)' in (.+?)(?:\s|$)/.exec(log.message) ?? [];
  const from = log.id ?? (importer ? join(repoRoot, importer) : undefined);
  const spec = log.exporter ?? specifier;
  if (!spec || !from) return `unresolved import: ${log.message}`;
  if (spec.startsWith('.') || spec.startsWith('/')) return `${from} imports ${spec}, which does not resolve`;
  if (existsSync(join(packageRoot(from), 'node_modules')))
    return `${from} imports ${spec}, which does not resolve, and its package has dependencies of its own`;
  return undefined;
}

/** Reads the project's own files for the bundle, noting the hash of the bytes each one was bundled from. */
function ownSources(inputs: Record<string, string>): Plugin {
  return {
    name: 'dreamseed-own-sources',
    load(id) {
      if (id.startsWith('\0') || !id.startsWith(repoRoot + sep) || id.includes(NODE_MODULES)) return null;
      const bytes = readFileSync(id);
      inputs[posix(relative(repoRoot, id))] = sha256(bytes);
      return bytes.toString('utf8');
    },
  };
}

/** Keeps out of the bundle what must load from its installed file (see the module comment). */
function separatePackages(): Plugin {
  const builtins = new Set(process.getBuiltinModule('node:module').builtinModules);
  const typeOf = new Map<string, string>();
  return {
    name: 'dreamseed-separate-packages',
    async resolveId(source, importer, options) {
      if (source.startsWith('node:') || builtins.has(source)) return { id: source, external: true };
      if (source.startsWith('virtual:')) return { id: source, external: true };
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      const file = resolved.id;
      if (!file.includes(NODE_MODULES)) return resolved;
      if (SEPARATE.has(packageName(file)) || isCommonJs(file, typeOf)) return { id: file, external: true };
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

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/**
 * Rewrites, on each module's syntax tree, what `import.meta` says of the module's place (see the module
 * comment): `.url`, `.dirname`, `.filename`, and `.resolve` of a string literal. A call of `.resolve` with
 * anything else resolves from the bundle's folder (the same packages when the module's package has no
 * node_modules of its own, else refused); `import.meta` passed around whole, or read for another property
 * than Vite's (env, hot, glob), is refused.
 */
function placeOfModules(): Plugin {
  return {
    name: 'dreamseed-place-of-modules',
    async transform(code, id) {
      if (!code.includes('import.meta') || id.startsWith('\0')) return null;
      const ast = this.parse(code, { lang: /\.tsx?$/.test(id) ? 'ts' : 'js', sourceType: 'module' });
      const url = pathToFileURL(id).href;
      const edits: { start: number; end: number; text: Promise<string> | string }[] = [];
      const refuse = (what: string) => {
        throw new Error(`${id}: ${what} depends on where the module lives, which bundling changes`);
      };
      walk(ast as unknown as Node, [], (node, ancestors) => {
        if (node.type !== 'MetaProperty' || (node.meta as { name: string }).name !== 'import') return;
        const member = ancestors.at(-1);
        if (member?.type !== 'MemberExpression' || member.object !== node || member.computed)
          return refuse('import.meta used whole');
        const property = (member.property as { name: string }).name;
        const value: Record<string, string> = { url, dirname: dirname(id), filename: id };
        if (property in value) {
          edits.push({ start: member.start, end: member.end, text: JSON.stringify(value[property]) });
          return;
        }
        if (PLACE_FREE.has(property)) return;
        if (property !== 'resolve') return refuse(`import.meta.${property}`);
        const call = ancestors.at(-2);
        const args = (call?.arguments ?? []) as Node[];
        const literal = args.length === 1 && args[0]!.type === 'Literal' ? args[0]!.value : undefined;
        if (call?.type === 'CallExpression' && call.callee === member && typeof literal === 'string') {
          const resolved = this.resolve(literal, id, { skipSelf: false }).then((r) => {
            if (!r) refuse(`import.meta.resolve(${JSON.stringify(literal)}), which does not resolve,`);
            return JSON.stringify(pathToFileURL(r!.id).href);
          });
          edits.push({ start: call.start, end: call.end, text: resolved });
        } else if (existsSync(join(packageRoot(id), 'node_modules'))) {
          refuse('import.meta.resolve of a computed name, in a package with dependencies of its own,');
        }
      });
      if (!edits.length) return null;
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) {
        if (!out.slice(edit.start, edit.end).startsWith('import.meta'))
          throw new Error(`${id}: the syntax tree's offsets do not match the text`);
        out = out.slice(0, edit.start) + (await edit.text) + out.slice(edit.end);
      }
      return out;
    },
  };
}

function walk(node: Node, ancestors: Node[], visit: (node: Node, ancestors: Node[]) => void): void {
  visit(node, ancestors);
  ancestors.push(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || !value || typeof value !== 'object') continue;
    for (const child of Array.isArray(value) ? value : [value])
      if (child && typeof child === 'object' && typeof (child as Node).type === 'string')
        walk(child as Node, ancestors, visit);
  }
  ancestors.pop();
}
