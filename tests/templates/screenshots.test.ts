import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
import { demoBundlePath, demoBundles, templateDemoPairs } from '../helpers/demo.ts';
import { fixturesDir } from '../helpers/fixtures.ts';

/**
 * Every template's home page in real Chromium: screenshots at 390 px and
 * 1280 px into artifacts/screenshots/ (look at them), no horizontal scrolling
 * from 320 px to 1920 px, and touch targets of at least 44 px. The same for
 * two founders' real input: a bundle with only a name, and one whose logo and
 * photos come without descriptions.
 */
const home = mkdtempSync(join(tmpdir(), 'dreamseed-shots-'));
const shots = join(repoRoot, 'artifacts', 'screenshots');
const catalog = await loadCatalog();
const bundles = await demoBundles();
const pairs = templateDemoPairs(catalog, bundles);

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
    await checkAndShoot(outDir, `${templateId}--${slug}`);
  });
});

/** Bundles as founders send them: only a name; a logo and photos nobody described (shared fixtures). */
const founders: [name: string, bundle: Record<string, unknown>, media: string[]][] = [
  ['name-only', { users: { business_name: 'Café Crème' } }, []],
  [
    'undescribed-photos',
    {
      users: { business_name: 'Northside Dog Walks' },
      dream_dna_truth: {
        primary_service: 'Group dog walks',
        who_serves: 'Busy dog owners on the East Side',
        location_city: 'Providence',
        contact_phone: '(401) 555-0199',
      },
      media_assets: [
        { file: 'logo-gimp.png', asset_category: 'logo' },
        { file: 'photo-gps-rotated.jpg', asset_category: 'photo' },
        { file: 'photo-green-meadow.jpg', asset_category: 'photo' },
      ],
    },
    ['logo-gimp.png', 'photo-gps-rotated.jpg', 'photo-green-meadow.jpg'],
  ],
];

describe.each(founders)('founder input: %s', (name, bundle, media) => {
  it('renders responsively and is screenshotted', async () => {
    const dir = mkdtempSync(join(home, `bundle-${name}-`));
    for (const file of media) copyFileSync(join(fixturesDir, file), join(dir, file));
    writeFileSync(join(dir, 'dna.json'), JSON.stringify(bundle));
    const outDir = join(home, `founder-${name}`);
    await generateSite({ source: { kind: 'dna', file: join(dir, 'dna.json') }, outDir });
    await checkAndShoot(outDir, `founder--${name}`);
  });
});

async function checkAndShoot(outDir: string, shotName: string): Promise<void> {
  {
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
            path: join(shots, `${shotName}--${width}.png`),
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
  }
}
