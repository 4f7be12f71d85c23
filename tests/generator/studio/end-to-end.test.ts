import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../generator/config.ts';
import type { Database } from '../../../generator/db/database.ts';
import { inlineRunner } from '../../../generator/jobs/runner.ts';
import { startWorker } from '../../../generator/jobs/worker.ts';
import { repoRoot } from '../../../generator/paths.ts';
import { generateSite } from '../../../generator/pipeline.ts';
import { publishSite } from '../../../generator/stages/deploy-site.ts';
import { launchChromium } from '../../helpers/browser.ts';
import { openTestDatabase } from '../../helpers/database.ts';
import { testJobSettings } from '../../helpers/job-settings.ts';
import { scratchFolders } from '../../helpers/scratch.ts';
import { type ServedStudio, serveStudio } from './studio-server.ts';

/**
 * A founder's afternoon in the studio, in Debian's Chromium against the whole
 * server on a real PGlite, with the automatic-builds worker run in-process
 * between steps (as `serve` runs it): sign in (local), open the site, correct a
 * fact and see the preview update, edit a section, regenerate another, choose
 * an alternative reading, choose a palette, approve all, publish through the
 * gate (measured for real), roll back. Every studio page is checked with
 * axe-core and keyboard focus, at desktop and 390 px, and screenshotted into
 * artifacts/studio/ (look at them).
 */
const scratch = scratchFolders();
const home = scratch('dreamseed-studio-e2e-');
const shots = join(repoRoot, 'artifacts', 'studio');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGLINE = 'Bread worth waking up for';
let db: Database;
let studio: ServedStudio;
let browser: Browser;
let page: Page;
let shot = 0;
const checked = new Set<string>();

async function drain(): Promise<void> {
  const worker = await startWorker({
    db,
    settings: testJobSettings(),
    concurrency: 1,
    untilIdle: true,
    makeRunner: () => inlineRunner(db, { writer: undefined }),
    config: loadConfig(),
  });
  await worker.done;
}

/** axe-core on the page (no violations), a visible focus ring on the first Tab stop, and a screenshot. */
async function check(name: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run({ exclude: [['iframe']] });
    return result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  });
  expect(violations, `axe on ${name}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${name}`).toBeLessThanOrEqual(0);
  const path = new URL(page.url()).pathname;
  checked.add(path.replace(/[0-9a-f-]{36}/, ':id'));
  await page.screenshot({
    path: join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

async function submit(button: ReturnType<Page['getByRole']>): Promise<void> {
  await Promise.all([page.waitForNavigation({ timeout: 240_000 }), button.click({ timeout: 240_000 })]);
}

beforeAll(async () => {
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  process.env.DREAMSEED_HOME = home;
  db = await openTestDatabase();
  await generateSite({ source: { kind: 'founder', idOrSlug: 'bakery' }, db, writer: 'offline' });
  // An earlier version an operator put live, to roll back to at the end.
  await publishSite({
    db,
    config: loadConfig(),
    user: 'bakery',
    target: 'local',
    publishedBy: 'operator:test',
    force: true,
    skipScore: true,
  });
  studio = await serveStudio(db, home);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await studio?.close();
  await db?.close();
});

describe('the studio in Chromium', { timeout: 600_000 }, () => {
  it('takes a founder from sign-in to a published site and back', async () => {
    // Sign in (local only).
    await page.goto(`${studio.url}/`);
    expect(new URL(page.url()).pathname).toBe('/studio/sign-in');
    await expect(page.getByText('Local only.')).toBeDefined();
    await check('sign-in');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).toBe('solid');
    await page
      .getByLabel(/Amato|bakery/i)
      .first()
      .check();
    await submit(page.getByRole('button', { name: 'Sign in' }));

    // The site: the latest build at phone and desktop width; the operator's version is live.
    expect(new URL(page.url()).pathname).toBe('/studio/site');
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(body, 'the inline stylesheet passes the content security policy').toBe('rgb(246, 246, 244)');
    const phone = page.frameLocator('iframe.phone').first();
    await expect(await phone.locator('h1').first().textContent()).toBeTruthy();
    expect(
      await page
        .locator('iframe.phone')
        .first()
        .evaluate((f) => (f as HTMLIFrameElement).clientWidth),
    ).toBeLessThanOrEqual(390);
    const liveBefore = (await page.frameLocator('iframe.desktop').last().locator('main').textContent()) ?? '';
    expect(liveBefore.toLowerCase()).not.toContain(TAGLINE.toLowerCase());
    await check('site');

    // Correct a fact; the worker rebuilds; the preview shows it.
    await page.goto(`${studio.url}/facts`);
    await check('facts');
    await page.getByLabel('tagline', { exact: true }).fill(TAGLINE);
    await submit(page.getByRole('button', { name: 'Save tagline' }));
    expect(await page.getByRole('status').textContent()).toContain('Saved tagline');
    await drain();
    await page.goto(`${studio.url}/site`);
    const preview = (await page.frameLocator('iframe.desktop').first().locator('main').textContent()) ?? '';
    expect(preview.toLowerCase()).toContain(TAGLINE.toLowerCase());
    await check('site-after-fact');

    // Sections: edit one (a too-long headline first: the error is next to the field).
    await page.goto(`${studio.url}/sections`);
    await check('sections');
    await page.getByRole('link', { name: /^Open Hero \(home page\)$/ }).click();
    await check('section');
    await page.getByLabel('Headline', { exact: true }).fill('x'.repeat(300));
    await submit(page.getByRole('button', { name: 'Save changes' }));
    const headline = page.getByLabel('Headline', { exact: true });
    expect(await headline.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await headline.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy.split(' ').at(-1)}`).textContent()).toMatch(
      /at most|too long|characters/i,
    );
    await check('section-edit-error');
    await headline.fill('Warm loaves before sunrise');
    await submit(page.getByRole('button', { name: 'Save changes' }));
    expect(await page.getByRole('status').textContent()).toMatch(/saved as revision/);

    // Regenerate another section.
    await page.goto(`${studio.url}/sections`);
    const other = page.getByRole('link', { name: /^Open (About|Services|Contact)/ }).first();
    const otherName = (await other.textContent())!.replace(/^Open /, '');
    await other.click();
    await submit(page.getByRole('button', { name: 'Regenerate' }));
    expect(await page.getByRole('status').textContent()).toMatch(/rewritten as revision \d+/);
    expect(await page.locator('h1').textContent()).toBe(otherName);

    // Choose an alternative reading, where a section has some.
    const [withAlternatives] = await db.query<{ id: string }>(
      `select s.id::text as id from public.website_sections s join public.users u on u.id = s.user_id
        where u.slug = 'bakery' and s.is_current and jsonb_array_length(coalesce(s.alternatives, '[]'::jsonb)) > 0
          and not (s.page = '' and s.section_key = 'hero')
        order by s.page, s.position limit 1`,
    );
    expect(withAlternatives, 'the bakery has another section with other readings').toBeDefined();
    await page.goto(`${studio.url}/sections/${withAlternatives!.id}`);
    const reading = page.locator('input[name="alternative"]').nth(1);
    await ((await reading.count()) ? reading : page.locator('input[name="alternative"]').first()).check();
    await submit(page.getByRole('button', { name: 'Use this reading' }));
    expect(await page.getByRole('status').textContent()).toMatch(/other reading is now revision/);
    await check('section-alternative');

    // Choose a palette.
    await page.goto(`${studio.url}/palette`);
    await check('palette');
    await page.locator('input[name="option"][value="2"]').check();
    await submit(page.getByRole('button', { name: 'Use this palette' }));
    expect(await page.getByRole('status').textContent()).toMatch(/chosen/);
    expect(await page.locator('input[name="option"][value="2"]').isChecked()).toBe(true);

    // Media.
    await page.goto(`${studio.url}/media`);
    await check('media');

    // Approve all, let the worker build, publish through the gate (measured), then roll back.
    await page.goto(`${studio.url}/sections`);
    await submit(page.getByRole('button', { name: /^Approve all/ }));
    expect(await page.getByRole('status').textContent()).toMatch(/Approved \d+ sections/);
    await check('sections-approved');
    await drain();
    await page.goto(`${studio.url}/publishing`);
    await check('publishing');
    await submit(page.getByRole('button', { name: 'Publish the latest build' }));
    const outcome = (await page.locator('.notice').first().textContent()) ?? '';
    expect(outcome, outcome).toMatch(/Published: your site is live/);
    await check('published');
    await page.goto(`${studio.url}/site`);
    const liveNow = (await page.frameLocator('iframe.desktop').last().locator('main').textContent()) ?? '';
    expect(liveNow).toContain('Warm loaves before sunrise');
    await check('site-published');

    await page.goto(`${studio.url}/publishing`);
    await submit(page.getByRole('button', { name: /^Roll back to this/ }).first());
    expect(await page.getByRole('status').textContent()).toMatch(/Rolled back/);
    await check('rolled-back');
    await page.goto(`${studio.url}/site`);
    const liveAfter = (await page.frameLocator('iframe.desktop').last().locator('main').textContent()) ?? '';
    expect(liveAfter).not.toContain('Warm loaves before sunrise');
    expect(liveAfter).toBe(liveBefore);
  });

  it('works at 390 px on every page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/site', '/sections', '/facts', '/media', '/palette', '/publishing']) {
      await page.goto(`${studio.url}${path}`);
      await check(`phone${path.replace('/', '-')}`);
    }
    expect([...checked]).toEqual(
      expect.arrayContaining(['/studio/sign-in', '/studio/sections/:id', '/studio/site']),
    );
  });
});
