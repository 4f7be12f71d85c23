import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it, vi } from 'vitest';
import { generateSite, generateSiteDetailed } from '../../../generator/pipeline.ts';
import type { PageRenderer } from '../../../generator/site/astro/render-pages.ts';
import { BUILD_MARKER, buildSite } from '../../../generator/stages/build-site.ts';
import { demoBundlePath } from '../../helpers/demo.ts';
import { htmlFiles } from '../../helpers/html.ts';

const home = mkdtempSync(join(tmpdir(), 'dreamseed-determinism-'));
beforeAll(() => {
  process.env.DREAMSEED_HOME = home;
});

it('two builds of the same DNA are byte-identical', async () => {
  const a = await generateSite({
    source: { kind: 'dna', file: demoBundlePath('bakery') },
    outDir: join(home, 'a'),
  });
  const b = await generateSite({
    source: { kind: 'dna', file: demoBundlePath('bakery') },
    outDir: join(home, 'b'),
  });
  expect(a.build_hash).toBe(b.build_hash);
  for (const f of htmlFiles(join(home, 'a'))) {
    expect(readFileSync(join(home, 'b', f), 'utf8'), f).toBe(readFileSync(join(home, 'a', f), 'utf8'));
  }
});

it('a failed build leaves the previous build in place, whole', async () => {
  const outDir = join(home, 'keep');
  const { spec, brand } = await generateSiteDetailed({
    source: { kind: 'dna', file: demoBundlePath('yoga-studio') },
    outDir,
  });
  const before = htmlFiles(outDir).map((f) => readFileSync(join(outDir, f), 'utf8'));
  const broken = structuredClone(spec);
  broken.pages[0]!.sections[0]!.variant = 'no-such-variant';
  await expect(buildSite(broken, brand, outDir)).rejects.toMatchObject({ code: 'BUILD_FAILED' });
  expect(htmlFiles(outDir).map((f) => readFileSync(join(outDir, f), 'utf8'))).toEqual(before);
  expect(readdirSync(home).filter((n) => n.includes('.building-'))).toEqual([]);
});

it('replaces only its own folder: --out refuses a file, or a folder holding anything a build did not write', async () => {
  const source = { kind: 'dna' as const, file: demoBundlePath('bakery') };
  const notes = join(home, 'notes');
  mkdirSync(join(notes, 'photos'), { recursive: true });
  writeFileSync(join(notes, 'my-notes.txt'), 'precious');
  await expect(generateSite({ source, outDir: notes })).rejects.toMatchObject({
    code: 'USAGE',
    message: expect.stringMatching(/already holds files that no DreamSeed build wrote \(.*my-notes\.txt.*\)/),
  });
  expect(readFileSync(join(notes, 'my-notes.txt'), 'utf8')).toBe('precious');
  expect(existsSync(join(notes, 'photos'))).toBe(true);

  const file = join(home, 'a-file');
  writeFileSync(file, 'not a folder');
  await expect(generateSite({ source, outDir: file })).rejects.toMatchObject({
    code: 'USAGE',
    message: expect.stringMatching(/is a file, not a folder/),
  });
  expect(readFileSync(file, 'utf8')).toBe('not a folder');

  // An empty folder, and then the build it now holds, are replaced.
  const empty = join(home, 'empty');
  mkdirSync(empty);
  await generateSite({ source, outDir: empty });
  expect(existsSync(join(empty, BUILD_MARKER))).toBe(true);
  const again = await generateSite({ source, outDir: empty });
  expect(again.out_dir).toContain('empty');
});

it('encodes the images on every core while another process renders the pages, on one but one afterwards', async () => {
  // Fresh copies of the modules, with a thread pool large enough that the cores alone set the limit.
  vi.resetModules();
  const pool = process.env.UV_THREADPOOL_SIZE;
  process.env.UV_THREADPOOL_SIZE = '64';
  const stage = await import('../../../generator/stages/build-site.ts');
  const variants = await import('../../../generator/media/variants.ts');
  const { inProcessRenderer } = await import('../../../generator/site/astro/render-pages.ts');
  if (pool === undefined) delete process.env.UV_THREADPOOL_SIZE;
  else process.env.UV_THREADPOOL_SIZE = pool;
  const { spec, brand } = await generateSiteDetailed({
    source: { kind: 'dna', file: demoBundlePath('bakery') },
    outDir: join(home, 'limit'),
  });
  const seen: number[] = [];
  const here = inProcessRenderer();
  // Given a renderer, the stage treats it as another process's (render-ahead.ts); this one renders here.
  const renderer: PageRenderer = {
    render: (s) => {
      seen.push(variants.encodeConcurrency());
      return here.render(s);
    },
  };
  await stage.buildSite(spec, brand, join(home, 'limit-ahead'), { renderer });
  expect(seen).toEqual([availableParallelism()]);
  expect(variants.encodeConcurrency()).toBe(Math.max(1, availableParallelism() - 1));
});
