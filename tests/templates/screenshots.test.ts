import { mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { serveDirectory } from '../../generator/cli/preview.ts';
import { repoRoot } from '../../generator/paths.ts';
import { generateSite } from '../../generator/pipeline.ts';
import { launchChromium } from '../helpers/browser.ts';
import { demoBundlePath, demoBundles } from '../helpers/demo.ts';

/**
 * Every template's home page in real Chromium: screenshots at 390 px and
 * 1280 px into artifacts/screenshots/ (look at them), no horizontal scrolling
 * from 320 px to 1920 px, and touch targets of at least 44 px.
 */
const home = mkdtempSync(join(tmpdir(), 'dreamseed-shots-'));
const shots = join(repoRoot, 'artifacts', 'screenshots');
const catalog = await loadCatalog();
const bundles = await demoBundles();
const pairs = [...catalog.templates.keys()].sort().map((id) => {
  const slug = [...bundles.entries()].find(([, b]) => b.type?.template_category === id)?.[0] ?? 'bakery';
  return [id, slug] as const;
});

let browser: Browser;
beforeAll(async () => {
  process.env.DREAMSEED_HOME = home;
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(pairs)('template %s with %s', (templateId, slug) => {
  it('renders responsively and is screenshotted', async () => {
    const outDir = join(home, `${templateId}-${slug}`);
    await generateSite({ source: { kind: 'dna', file: demoBundlePath(slug) }, template: templateId, outDir });
    let server: Server | undefined;
    try {
      const served = await serveDirectory(outDir, 0);
      server = served.server;
      const page = await browser.newPage();
      for (const width of [320, 390, 768, 1280, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(served.url, { waitUntil: 'load' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
        if (width === 390 || width === 1280) {
          await page.screenshot({
            path: join(shots, `${templateId}--${slug}--${width}.png`),
            fullPage: true,
          });
        }
        if (width === 390) {
          const small = await page.$$eval('header a, nav a, footer a, a.button, summary', (els) =>
            els
              .map((el) => ({
                text: (el.textContent ?? '').trim().slice(0, 30),
                h: el.getBoundingClientRect().height,
                w: el.getBoundingClientRect().width,
              }))
              .filter((r) => r.h > 0 && (r.h < 44 || r.w < 44)),
          );
          expect(small, 'touch targets under 44 px').toEqual([]);
        }
      }
      await page.close();
    } finally {
      server?.close();
    }
  });
});
