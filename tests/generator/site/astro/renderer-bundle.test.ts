import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../generator/paths.ts';
import { renderAhead } from '../../../../generator/site/astro/render-ahead.ts';
import {
  buildRendererBundle,
  buildRendererBundleOnce,
  freshRendererBundle,
  makeBundleInBackground,
  recordFailure,
  rendererBundleOn,
  SOURCE_ENTRY,
} from '../../../../generator/site/astro/renderer-bundle.ts';
import { rendererEntry } from '../../../../generator/site/astro/renderer-process.ts';
import type { SiteSpec } from '../../../../generator/site/spec.ts';
import { htmlFiles } from '../../../helpers/html.ts';
import { useBakerySpec } from './bakery-spec.ts';

/**
 * The page renderer's bundle (renderer-bundle.ts): made from the renderer's sources and the installed
 * packages, used only while both are what it was made from, and rendering exactly the pages the
 * renderer run from source renders.
 */
let spec: SiteSpec;
useBakerySpec('dreamseed-renderer-bundle-', (made) => (spec = made));

const root = mkdtempSync(join(tmpdir(), 'dreamseed-renderer-bundle-'));
const manifestPath = join(root, 'current.json');
const readManifest = () => JSON.parse(readFileSync(manifestPath, 'utf8'));
const pages = (dir: string) =>
  Object.fromEntries(htmlFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('the renderer bundle', { timeout: 180_000 }, () => {
  let entry = '';

  it('is made from the renderer entry, lists the project files in it, and is fresh', async () => {
    const made = await buildRendererBundle(root);
    entry = made.entry;
    expect(existsSync(entry)).toBe(true);
    expect(freshRendererBundle(root)).toBe(entry);
    expect(made.modules).toBeGreaterThan(100);
    const { inputs } = readManifest();
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining([
        'generator/site/astro/render-ahead-process.ts',
        'generator/site/astro/render-pages.ts',
        // The rules it was made by are an input too.
        'generator/site/astro/renderer-bundle.ts',
      ]),
    );
    expect(Object.keys(inputs).filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(made.ownFiles).toBe(Object.keys(inputs).length);
  });

  it("keeps import.meta's file URLs and separate packages out of the bundle", () => {
    const dir = dirname(entry);
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
    for (const chunk of chunks) {
      const code = readFileSync(join(dir, chunk), 'utf8');
      expect(code, chunk).not.toMatch(/\bimport\.meta\.(url|dirname|filename)\b/);
    }
    // Vite (one instance per process) and CommonJS files load from their installed files, by a path
    // relative to the bundle's folder that exists: in every chunk, imported statically or dynamically.
    const relatives = chunks.flatMap((chunk) =>
      [...readFileSync(join(dir, chunk), 'utf8').matchAll(/(?:from |import\()"(\.\.\/[^"]+)"/g)].map(
        (m) => m[1]!,
      ),
    );
    expect(relatives.some((r) => r.endsWith('/vite/dist/node/index.js'))).toBe(true);
    for (const r of new Set(relatives)) expect(existsSync(resolve(dir, r)), r).toBe(true);
    // Astro's own code is in it.
    expect(relatives.filter((r) => r.includes('/astro/dist/'))).toEqual([]);
  });

  it('is not used once a source, the installed packages or its format differ, or its files are gone', () => {
    const original = readFileSync(manifestPath, 'utf8');
    const variants: [string, (m: Record<string, unknown> & { inputs: Record<string, string> }) => void][] = [
      ['a source changed', (m) => (m.inputs['generator/site/astro/render-pages.ts'] = '0'.repeat(64))],
      ['a source added', (m) => (m.inputs['generator/site/no-such-file.ts'] = '0'.repeat(64))],
      ['other packages installed', (m) => (m.lock = '0'.repeat(64))],
      ['another format', (m) => (m.format = 0)],
      ['its folder gone', (m) => (m.dir = 'no-such-folder')],
    ];
    for (const [name, change] of variants) {
      const manifest = JSON.parse(original);
      change(manifest);
      writeFileSync(manifestPath, JSON.stringify(manifest));
      expect(freshRendererBundle(root), name).toBeUndefined();
    }
    writeFileSync(manifestPath, '{ not json');
    expect(freshRendererBundle(root)).toBeUndefined();
    writeFileSync(manifestPath, original);
    expect(freshRendererBundle(root)).toBe(entry);
    expect(freshRendererBundle(join(root, 'none'))).toBeUndefined();
  });

  it('renders the same bytes as the renderer run from source', async () => {
    // From source with the bundle off: it makes no bundle in the background when it has answered.
    const fromSource = renderAhead({
      entry: SOURCE_ENTRY,
      env: { ...process.env, DREAMSEED_RENDERER_BUNDLE: 'off' },
    });
    const fromBundle = renderAhead({ entry });
    const [a, b] = await Promise.all([fromSource.render(spec), fromBundle.render(spec)]);
    fromSource.close();
    fromBundle.close();
    const expected = pages(a);
    expect(Object.keys(expected)).toEqual([
      '404.html',
      'about/index.html',
      'contact/index.html',
      'index.html',
    ]);
    expect(pages(b)).toEqual(expected);
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });

  it('is made by one process at a time; a lock left by a process that died is taken over', async () => {
    const lock = join(root, 'building.lock');
    writeFileSync(lock, '1\n');
    expect(await buildRendererBundleOnce(root)).toBe('busy');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(lock, old, old);
    // Taken over; the bundle is fresh by then, so it is not made again.
    expect(await buildRendererBundleOnce(root)).toBe('fresh');
    expect(existsSync(lock)).toBe(false);
    const manifest = readManifest();
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, lock: '0'.repeat(64) }));
    expect(await buildRendererBundleOnce(root)).toBe('made');
    expect(freshRendererBundle(root)).toBe(entry);
  });

  it('is made in the background by a process of its own, and not again soon after a failure', async () => {
    const other = mkdtempSync(join(tmpdir(), 'dreamseed-renderer-background-'));
    const child = makeBundleInBackground(other);
    expect(child?.pid).toBeTypeOf('number');
    for (let waited = 0; !freshRendererBundle(other) && waited < 120_000; waited += 200)
      await new Promise((r) => setTimeout(r, 200));
    expect(freshRendererBundle(other)).toMatch(/renderer\.mjs$/);
    recordFailure(other, new Error('rolldown refused'));
    expect(makeBundleInBackground(other)).toBeUndefined();
    expect(JSON.parse(readFileSync(join(other, 'last-failure.json'), 'utf8')).message).toBe(
      'rolldown refused',
    );
    rmSync(other, { recursive: true, force: true });
  });

  it('DREAMSEED_RENDERER_BUNDLE=off runs the renderer from source', () => {
    expect(rendererBundleOn({})).toBe(true);
    expect(rendererBundleOn({ DREAMSEED_RENDERER_BUNDLE: 'on' })).toBe(true);
    expect(rendererBundleOn({ DREAMSEED_RENDERER_BUNDLE: 'off' })).toBe(false);
    expect(rendererEntry({ DREAMSEED_RENDERER_BUNDLE: 'off' })).toBe(SOURCE_ENTRY);
    expect(SOURCE_ENTRY.startsWith(repoRoot)).toBe(true);
  });
});
