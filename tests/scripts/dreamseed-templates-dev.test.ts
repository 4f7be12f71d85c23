import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, tempHome } from '../helpers/cli.ts';
import { copyRepo } from '../helpers/repo-copy.ts';
import { scratchFolders } from '../helpers/scratch.ts';

/**
 * `dreamseed templates dev` as a designer uses it, in a copy of the repository
 * (so editing its files disturbs no other test): the page and the site are
 * served on 127.0.0.1, a saved file re-renders the site and the page hears it
 * (the time from the save to the event is measured), a broken file shows its
 * file and line while the server stays up, and fixing it renders again.
 */
const scratch = scratchFolders();
const repo = copyRepo(scratch('dreamseed-dev-repo-'));
const home = tempHome();
let child: ChildProcess;
let url = '';
type Render = {
  ok: boolean;
  ms: number;
  since_change_ms: number | null;
  error?: { file: string | null; line: number | null; message: string };
  selection: { template: string; founder: string; palette: number };
};
const renders: { at: number; render: Render }[] = [];

/** Listens to /events like the page does. */
async function listen(): Promise<void> {
  const res = await fetch(`${url}events`);
  const reader = res.body!.getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += new TextDecoder().decode(value);
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: render') && data)
          renders.push({ at: performance.now(), render: JSON.parse(data.slice(6)) });
        end = buffer.indexOf('\n\n');
      }
    }
  })();
}

async function nextRender(after: number, timeout = 60_000): Promise<{ at: number; render: Render }> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const found = renders.find((r) => r.at > after);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no render event');
}

beforeAll(async () => {
  child = spawn(
    process.execPath,
    [
      join(repo, 'scripts', 'dreamseed.ts'),
      'templates',
      'dev',
      'food-retail',
      '--founder',
      'bakery',
      '--port',
      '0',
    ],
    { cwd: repo, env: cliEnv(home) },
  );
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`dev exited ${code}`)));
  });
  await listen();
  const first = await nextRender(0, 120_000);
  expect(first.render.ok, JSON.stringify(first.render.error)).toBe(true);
}, 180_000);
afterAll(() => {
  child?.kill('SIGTERM');
});

describe('dreamseed templates dev (subprocess)', { timeout: 120_000 }, () => {
  it('serves the page (selectors, viewport, palette, the event script) and the rendered site', async () => {
    const page = await (await fetch(url)).text();
    expect(page).toContain('<iframe id="site"');
    expect(page).toMatch(/<option value="bakery" selected>/);
    expect(page).toContain('phone 390');
    expect(page).toContain("new EventSource('/events')");
    const site = await (await fetch(`${url}site/`)).text();
    expect(site).toContain('Rosa &amp; Daughters');
    expect(site).not.toContain('EventSource'); // the reload script never reaches the generated site
    expect((await fetch(`${url}site/../../package.json`)).status).toBe(404);
  });

  it('re-renders after a file change and says so on /events; the time is measured', async () => {
    const file = join(repo, 'sections', 'hero', 'banner.astro');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = performance.now();
      appendFileSync(file, `\n<!-- edit ${i} -->\n`);
      const { at, render } = await nextRender(before);
      expect(render.ok).toBe(true);
      expect(render.since_change_ms).toBeGreaterThan(0);
      times.push(Math.round(at - before));
    }
    process.stderr.write(`templates dev: save → page notified in ${times.join(', ')} ms\n`);
    expect(Math.min(...times)).toBeLessThan(10_000);
  });

  it('switching founder and palette in the page re-renders for them; a bad choice is refused', async () => {
    const res = await fetch(`${url}select`, {
      method: 'POST',
      body: JSON.stringify({ template: 'food-retail', founder: 'yoga-studio', palette: 2 }),
    });
    const render = (await res.json()) as Render;
    expect(render.ok).toBe(true);
    expect(render.selection).toEqual({ template: 'food-retail', founder: 'yoga-studio', palette: 2 });
    expect(await (await fetch(`${url}site/`)).text()).not.toContain('Rosa &amp; Daughters');
    const bad = await fetch(`${url}select`, {
      method: 'POST',
      body: JSON.stringify({ template: 'food-retail', founder: 'nobody', palette: 9 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/palette/);
  });

  it('a syntax error shows its file and line, the server stays up, and the fix renders again', async () => {
    const file = join(repo, 'sections', 'hero', 'section.ts');
    const good = readFileSync(file, 'utf8');
    const line = good.split('\n').length + 1;
    const before = performance.now();
    writeFileSync(file, `${good}\nexport const broken = ;\n`);
    const failed = await nextRender(before);
    expect(failed.render.ok).toBe(false);
    expect(failed.render.error?.file).toBe(file);
    expect(failed.render.error?.line).toBe(line);
    expect((await fetch(`${url}state`)).status).toBe(200);
    expect((await fetch(`${url}site/`)).status).toBe(200); // the last good render is still served
    const fixedAt = performance.now();
    writeFileSync(file, good);
    const fixed = await nextRender(fixedAt);
    expect(fixed.render.ok).toBe(true);
  });
});
