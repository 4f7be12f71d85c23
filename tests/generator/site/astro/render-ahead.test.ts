import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAhead } from '../../../../generator/site/astro/render-ahead.ts';
import { inProcessRenderer, workFolder } from '../../../../generator/site/astro/render-pages.ts';
import { componentsOf } from '../../../../generator/site/astro/spec-integration.ts';
import type { SiteSpec } from '../../../../generator/site/spec.ts';
import { htmlFiles } from '../../../helpers/html.ts';
import { useBakerySpec } from './bakery-spec.ts';

/**
 * The renderer `dreamseed generate` starts ahead (a child process that loads
 * Astro and begins the build before the spec exists) renders exactly the pages
 * the in-process renderer does, reports a build error as the build's error,
 * never outlives its use, and falls back to rendering in-process when its
 * process is gone.
 */
let spec: SiteSpec;
useBakerySpec('dreamseed-render-ahead-', (made) => (spec = made));

const pages = (dir: string) =>
  Object.fromEntries(htmlFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const alive = (pid: number | undefined) => {
  try {
    process.kill(pid!, 0);
    return true;
  } catch {
    return false;
  }
};
async function gone(pid: number | undefined) {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe('renderAhead', { timeout: 120_000 }, () => {
  it('renders the same pages as Astro in this process, told the components early or not', async () => {
    const here = await inProcessRenderer().render(spec);
    const expected = pages(here);
    expect(Object.keys(expected)).toEqual([
      '404.html',
      'about/index.html',
      'contact/index.html',
      'index.html',
    ]);
    for (const early of [true, false]) {
      const ahead = renderAhead();
      expect(ahead.pid).toBeTypeOf('number');
      // Told more than the spec shows (as the pipeline tells it the template's components): still the same bytes.
      if (early) ahead.expect?.([...componentsOf(spec), 'pricing/cards', 'gallery/grid']);
      const work = await ahead.render(spec);
      expect(pages(work), `components told early: ${early}`).toEqual(expected);
      ahead.close();
      expect(await gone(ahead.pid)).toBe(true);
      rmSync(work, { recursive: true, force: true });
    }
    rmSync(here, { recursive: true, force: true });
  });

  it('bundles the pages once told the components they show, before the spec comes, and renders the same bytes', async () => {
    const here = await inProcessRenderer().render(spec);
    const expected = pages(here);
    rmSync(here, { recursive: true, force: true });
    const ahead = renderAhead();
    ahead.expect?.([...componentsOf(spec), 'pricing/cards']);
    ahead.shows?.(componentsOf(spec));
    // The spec is held back: the bundle Astro renders the pages from is still written (it reads the spec later).
    const bundle = join(workFolder(`${ahead.pid}-ahead`), '.prerender');
    const chunks = () =>
      existsSync(bundle)
        ? readdirSync(bundle, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'))
        : [];
    for (let waited = 0; !chunks().length && waited < 60_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    expect(chunks().length, 'the bundle was written without the spec').toBeGreaterThan(0);
    const work = await ahead.render(spec);
    expect(pages(work)).toEqual(expected);
    rmSync(work, { recursive: true, force: true });
  });

  it('fails the build, saying so, when the spec does not show the components it was told', async () => {
    const ahead = renderAhead();
    ahead.shows?.(componentsOf(spec).filter((c) => !c.startsWith('hero/')));
    await expect(ahead.render(spec)).rejects.toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringContaining('but the build was told it would show'),
    });
    expect(await gone(ahead.pid)).toBe(true);
  });

  it('ships only the styles of the components the site shows (a component it does not show costs no bytes)', async () => {
    const work = await renderAhead().render(spec);
    const index = readFileSync(join(work, 'index.html'), 'utf8');
    expect(componentsOf(spec)).not.toContain('pricing/cards');
    expect(index).not.toContain('.pricing__card');
    expect(index).toContain('hero');
    rmSync(work, { recursive: true, force: true });
  });

  it("reports a build error as the build's error, naming the cause, and its process ends", async () => {
    const ahead = renderAhead();
    const broken = structuredClone(spec);
    broken.pages[0]!.sections[0]!.variant = 'no-such-variant';
    await expect(ahead.render(broken)).rejects.toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringContaining('no-such-variant'),
    });
    expect(await gone(ahead.pid)).toBe(true);
    expect(readdirSync(join(process.cwd(), 'node_modules', '.cache', 'dreamseed-builds'))).not.toContain(
      `${ahead.pid}-ahead`,
    );
  });

  it('ends its process when closed unused (a pipeline that failed before its build)', async () => {
    const ahead = renderAhead();
    expect(alive(ahead.pid)).toBe(true);
    ahead.close();
    expect(await gone(ahead.pid)).toBe(true);
  });

  it('renders in this process when its process has died', async () => {
    const ahead = renderAhead();
    process.kill(ahead.pid!, 'SIGKILL');
    expect(await gone(ahead.pid)).toBe(true);
    const work = await ahead.render(spec);
    expect(Object.keys(pages(work))).toContain('index.html');
    rmSync(work, { recursive: true, force: true });
  });
});
