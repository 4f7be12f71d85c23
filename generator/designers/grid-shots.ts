import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../deploy/static-host.ts';
import { CHROMIUM_FLAGS, requireChromium } from '../score/chromium.ts';

/**
 * Screenshots for the contact sheet: one Chromium (Debian's, through
 * playwright-core), a few pages at a time, each site served from its folder
 * by request interception (no server, no network: anything off the site's own
 * origin is refused). Full-page PNGs at phone (390 px) and desktop (1280 px).
 */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface ShotRequest {
  siteDir: string;
  viewport: ViewportName;
  file: string;
}

const ORIGIN = 'http://grid.dreamseed.test';
function fileFor(siteDir: string, pathname: string): string | null {
  let file = normalize(join(siteDir, decodeURIComponent(pathname)));
  if (file !== siteDir && !file.startsWith(siteDir + sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) ? file : null;
}

export async function takeShots(requests: ShotRequest[], parallel = 4): Promise<void> {
  if (!requests.length) return;
  // playwright-core is a development dependency: the grid is a designer's tool, run in a checkout.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_FLAGS });
  try {
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const req = requests[next++]!;
        const context = await browser.newContext({
          viewport: VIEWPORTS[req.viewport],
          reducedMotion: 'reduce',
        });
        try {
          await context.route('**/*', async (route) => {
            const url = new URL(route.request().url());
            if (url.origin !== ORIGIN) return route.abort();
            const file = fileFor(req.siteDir, url.pathname);
            if (!file) return route.fulfill({ status: 404, body: 'not found' });
            return route.fulfill({
              status: 200,
              body: await readFile(file),
              headers: { 'content-type': contentTypeOf(file) },
            });
          });
          const page = await context.newPage();
          await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
          await page.screenshot({ path: req.file, fullPage: true, animations: 'disabled' });
        } finally {
          await context.close();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, requests.length) }, worker));
  } finally {
    await browser.close();
  }
}
