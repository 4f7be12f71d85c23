import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '/work/wt-input/node_modules/playwright-core/index.mjs';
import { serveDirectory } from '/work/wt-input/generator/cli/preview.ts';
import { generateSite } from '/work/wt-input/generator/pipeline.ts';
import { CHROMIUM_FLAGS } from '/work/wt-input/generator/score/chromium.ts';
const out = '/tmp/ds/shots'; mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
const cases = JSON.parse(process.argv[2]!) as [string, string, Record<string, unknown>][];
for (const [name, template, bundle] of cases) {
  const file = join(out, `${name}.json`); writeFileSync(file, JSON.stringify(bundle));
  const dir = join(out, name);
  await generateSite({ source: { kind: 'dna', file }, outDir: dir, template });
  const { server, url } = await serveDirectory(dir, 0);
  const page = await browser.newPage();
  for (const w of [390, 1280]) { await page.setViewportSize({ width: w, height: 900 }); await page.goto(url); await page.screenshot({ path: join(out, `${name}-${w}.png`), fullPage: true }); }
  await page.close(); server.close();
}
await browser.close();
