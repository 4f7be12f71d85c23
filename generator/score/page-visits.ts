import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CdpConnection } from './cdp.ts';

/**
 * Loads one page of the served site in Chromium (a fresh tab per viewport) and
 * collects what the reviewer checks need: axe-core violations (WCAG 2.x A/AA
 * and axe best practices), every URL the page references (links, images,
 * srcsets, icons, CSS url()s), element ids (for #fragment links), JSON-LD
 * blocks, scripts, and what the browser itself saw fail: requests that got an
 * error status or were blocked (a CSP violation blocks the request), and
 * console errors. Every page's visits are the `visits` artifact
 * (`artifacts.ts`), which the checks that need them share.
 */
export interface Viewport {
  name: 'mobile' | 'desktop';
  width: number;
  height: number;
  deviceScaleFactor: number;
  mobile: boolean;
}

/** Lighthouse's own emulation sizes (moto g power, and its desktop preset). */
export const VIEWPORTS: Record<Viewport['name'], Viewport> = {
  mobile: { name: 'mobile', width: 412, height: 823, deviceScaleFactor: 1.75, mobile: true },
  desktop: { name: 'desktop', width: 1350, height: 940, deviceScaleFactor: 1, mobile: false },
};

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface Reference {
  tag: string;
  value: string;
}

export interface PageVisit {
  path: string;
  viewport: Viewport['name'];
  status: number | null;
  links: Reference[];
  resources: Reference[];
  ids: string[];
  canonical: string | null;
  jsonLd: string[];
  scripts: { src: string | null; type: string; inlineBytes: number }[];
  failedRequests: { url: string; reason: string }[];
  consoleErrors: string[];
  axe: AxeViolation[];
  axeVersion: string;
}

let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

const INVENTORY = `(() => {
  const list = (selector, name) => [...document.querySelectorAll(selector)]
    .map((el) => ({ tag: el.tagName.toLowerCase(), value: el.getAttribute(name) }))
    .filter((r) => r.value !== null && r.value.trim() !== '');
  const srcsets = (selector) => [...document.querySelectorAll(selector)].flatMap((el) =>
    (el.getAttribute('srcset') || '').split(',').map((s) => s.trim().split(/\\s+/)[0]).filter(Boolean)
      .map((value) => ({ tag: el.tagName.toLowerCase() + '[srcset]', value })));
  const css = [];
  const fromText = (text) => { for (const m of text.matchAll(/url\\(\\s*(['"]?)([^'")]+)\\1\\s*\\)/g)) css.push({ tag: 'css', value: m[2] }); };
  for (const sheet of document.styleSheets) { try { for (const rule of sheet.cssRules) fromText(rule.cssText); } catch {} }
  for (const el of document.querySelectorAll('[style]')) fromText(el.getAttribute('style'));
  const canonical = document.querySelector('link[rel~="canonical"]');
  return {
    links: list('a[href], area[href]', 'href'),
    resources: [
      ...list('img[src], iframe[src], video[src], audio[src], source[src], track[src], embed[src], script[src]', 'src'),
      ...list('video[poster]', 'poster'),
      ...srcsets('img[srcset], source[srcset]'),
      ...list('link[href]:not([rel~="canonical"]):not([rel~="alternate"]):not([rel~="preconnect"]):not([rel~="dns-prefetch"])', 'href'),
      ...list('meta[property="og:image"], meta[name="twitter:image"]', 'content'),
      ...css,
    ],
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id).concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'))),
    canonical: canonical ? canonical.getAttribute('href') : null,
    jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent || ''),
    scripts: [...document.querySelectorAll('script')].filter((s) => s.type !== 'application/ld+json')
      .map((s) => ({ src: s.getAttribute('src'), type: s.type || 'text/javascript', inlineBytes: s.src ? 0 : (s.textContent || '').length })),
  };
})()`;

const RUN_AXE = `axe.run(document, {
  runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} },
  resultTypes: ['violations'],
}).then((r) => ({
  version: axe.version,
  violations: r.violations.map((v) => ({
    id: v.id, impact: v.impact || null, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.slice(0, 10).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300), summary: n.failureSummary || '' })),
  })),
}))`;

export async function visitPage(
  cdp: CdpConnection,
  baseUrl: string,
  path: string,
  viewport: Viewport,
  options: { inventory: boolean },
): Promise<PageVisit> {
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  const failed: PageVisit['failedRequests'] = [];
  const consoleErrors: string[] = [];
  let status: number | null = null;
  const urls = new Map<string, string>();
  const off = [
    cdp.on('Network.requestWillBeSent', (p, s) => {
      if (s === sessionId) urls.set(p.requestId as string, (p.request as { url: string }).url);
    }),
    cdp.on('Network.responseReceived', (p, s) => {
      if (s !== sessionId) return;
      const response = p.response as { url: string; status: number };
      if (p.type === 'Document' && status === null) status = response.status;
      else if (response.status >= 400) failed.push({ url: response.url, reason: `HTTP ${response.status}` });
    }),
    cdp.on('Network.loadingFailed', (p, s) => {
      if (s !== sessionId || p.canceled) return;
      const reason = p.blockedReason ? `blocked (${p.blockedReason})` : String(p.errorText);
      failed.push({ url: urls.get(p.requestId as string) ?? String(p.requestId), reason });
    }),
    cdp.on('Log.entryAdded', (p, s) => {
      const entry = p.entry as { level: string; text: string; url?: string };
      if (s === sessionId && entry.level === 'error') consoleErrors.push(entry.text);
    }),
    cdp.on('Runtime.exceptionThrown', (p, s) => {
      const details = p.exceptionDetails as { text: string; exception?: { description?: string } };
      if (s === sessionId) consoleErrors.push(details.exception?.description ?? details.text);
    }),
  ];
  try {
    await cdp.send('Page.enable', {}, sessionId);
    await cdp.send('Network.enable', {}, sessionId);
    await cdp.send('Log.enable', {}, sessionId);
    await cdp.send('Runtime.enable', {}, sessionId);
    await cdp.send(
      'Emulation.setDeviceMetricsOverride',
      {
        width: viewport.width,
        height: viewport.height,
        deviceScaleFactor: viewport.deviceScaleFactor,
        mobile: viewport.mobile,
      },
      sessionId,
    );
    const loaded = new Promise<void>((resolve) => {
      const stop = cdp.on('Page.loadEventFired', (_p, s) => {
        if (s !== sessionId) return;
        stop();
        resolve();
      });
    });
    const nav = await cdp.send<{ errorText?: string }>(
      'Page.navigate',
      { url: new URL(path, baseUrl).toString() },
      sessionId,
    );
    if (nav.errorText) throw new Error(`Chromium could not load ${path}: ${nav.errorText}`);
    await loaded;
    const evaluate = async <T>(expression: string, awaitPromise = false): Promise<T> => {
      const r = await cdp.send<{
        result: { value?: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise }, sessionId);
      if (r.exceptionDetails) {
        throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      }
      return r.result.value as T;
    };
    const inventory = options.inventory
      ? await evaluate<Pick<PageVisit, 'links' | 'resources' | 'ids' | 'canonical' | 'jsonLd' | 'scripts'>>(
          INVENTORY,
        )
      : { links: [], resources: [], ids: [], canonical: null, jsonLd: [], scripts: [] };
    // The page's own errors are collected by now; axe's script is ours, not the page's.
    const pageErrors = [...consoleErrors];
    await evaluate(axeScript());
    const axe = await evaluate<{ version: string; violations: AxeViolation[] }>(RUN_AXE, true);
    return {
      path,
      viewport: viewport.name,
      status,
      ...inventory,
      failedRequests: failed,
      consoleErrors: pageErrors,
      axe: axe.violations,
      axeVersion: axe.version,
    };
  } finally {
    for (const stop of off) stop();
    await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
  }
}
