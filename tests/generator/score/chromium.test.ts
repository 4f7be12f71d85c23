import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCdp } from '../../../generator/score/cdp.ts';
import { launchBrowser, requireChromium } from '../../../generator/score/chromium.ts';

/**
 * The scorer's Chromium (Debian's, real) serves every tab of a site from one
 * warm renderer process: Lighthouse opens a tab per run, and a new renderer's
 * start would otherwise be measured as the page's main-thread work.
 */
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<!doctype html><html lang="en"><title>t</title><h1>A page</h1></html>');
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the scorer’s Chromium', () => {
  it('loads a new tab of the same site in the renderer process that served the last one', {
    timeout: 60_000,
  }, async () => {
    const browser = await launchBrowser(requireChromium());
    const cdp = await connectCdp(browser.port);
    try {
      const renderers = async () =>
        (
          await cdp.send<{ processInfo: { type: string; id: number }[] }>('SystemInfo.getProcessInfo')
        ).processInfo
          .filter((p) => p.type === 'renderer')
          .map((p) => p.id)
          .sort();
      const openAndClose = async () => {
        const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url });
        const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; url: string }[] }>(
          'Target.getTargets',
        );
        expect(targetInfos.find((t) => t.targetId === targetId)).toBeDefined();
        const deadline = Date.now() + 20_000;
        let pids = await renderers();
        while (pids.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          pids = await renderers();
        }
        await cdp.send('Target.closeTarget', { targetId });
        return pids;
      };
      const first = await openAndClose();
      const second = await openAndClose();
      expect(first.length).toBeGreaterThan(0);
      // No process started for the second tab: it reused a warm one.
      expect(second.filter((pid) => !first.includes(pid))).toEqual([]);
    } finally {
      cdp.close();
      await browser.close();
    }
  });
});
