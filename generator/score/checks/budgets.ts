import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { resolveRequestPath } from '../../deploy/static-host.ts';
import { defineCheck, finding, formatBytes } from '../check.ts';

/**
 * Byte budgets. The home page's HTML with its inline CSS (plus any
 * render-blocking stylesheet) must fit the first TCP round trip, ~14 KB
 * gzipped; sites ship no JavaScript unless a budget allows it; the home page on
 * mobile, everything Lighthouse saw transferred, stays under 300 KB.
 */
export interface Budgets {
  first_load_bytes: number;
  javascript_bytes: number;
  home_mobile_bytes: number;
}

export const DEFAULT_BUDGETS: Budgets = {
  first_load_bytes: 14 * 1024,
  javascript_bytes: 0,
  home_mobile_bytes: 300 * 1024,
};

export interface BudgetLine {
  budget: keyof Budgets;
  label: string;
  /** Null when it was not measured (then it does not pass). */
  actual: number | null;
  limit: number;
  pass: boolean;
}

export default defineCheck({
  id: 'budgets',
  title: 'Byte budgets',
  order: 70,
  needs: ['root', 'files', 'pages', 'lighthouse'],
  kinds: {
    first_load_bytes: { listAll: true },
    javascript_bytes: { listAll: true },
    home_mobile_bytes: { listAll: true },
  },
  run({ root, files, pages, lighthouse }) {
    const homeMobile = lighthouse.runs.find((r) => r.page === pages.home && r.form_factor === 'mobile');
    const budgets = measureBudgets(root, files, homeMobile?.total_bytes ?? null);
    return {
      findings: budgets
        .filter((b) => !b.pass)
        .map((b) =>
          finding(
            b.budget,
            null,
            b.actual === null
              ? `Budget "${b.label}" was not measured.`
              : `Budget "${b.label}" is ${formatBytes(b.actual)}, over the ${formatBytes(b.limit)} limit.`,
            { numbers: { ...(b.actual === null ? {} : { actual: b.actual }), limit: b.limit } },
          ),
        ),
      lines: budgets.map((b) => ({
        pass: b.pass,
        text: `Budget, ${b.label}: ${b.actual === null ? 'not measured' : formatBytes(b.actual)} of ${formatBytes(b.limit)}`,
      })),
      data: budgets,
    };
  },
});

/** gzip level 6: what a CDN's on-the-fly compression typically sends. */
export function gzipBytes(data: Buffer | string): number {
  return gzipSync(data, { level: 6 }).length;
}

export function measureBudgets(
  root: string,
  files: string[],
  homeMobileBytes: number | null,
  budgets: Budgets = DEFAULT_BUDGETS,
): BudgetLine[] {
  const homeHtml = readFileSync(join(root, 'index.html'));
  let firstLoad = gzipBytes(homeHtml);
  for (const m of homeHtml.toString('utf8').matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\brel=["']?stylesheet\b/i.test(tag) || /\bmedia=["']?print\b/i.test(tag)) continue;
    const href = /\bhref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (!href || /^[a-z]+:/i.test(href)) continue;
    const found = resolveRequestPath(root, new URL(href, 'http://site/').pathname);
    if (found.kind === 'file') firstLoad += gzipBytes(readFileSync(found.file));
  }
  let javascript = 0;
  for (const file of files) {
    if (/\.(m?js|cjs)$/i.test(file)) javascript += readFileSync(join(root, file)).length;
    if (file.endsWith('.html')) {
      for (const s of readFileSync(join(root, file), 'utf8').matchAll(
        /<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
      )) {
        if (/type=["']?application\/ld\+json/i.test(s[1]!)) continue;
        javascript += Buffer.byteLength(s[2]!);
      }
    }
  }
  return [
    line('first_load_bytes', 'home page HTML + inline CSS, gzipped', firstLoad, budgets),
    line('javascript_bytes', 'JavaScript shipped (files and inline scripts)', javascript, budgets),
    line('home_mobile_bytes', 'home page transfer on mobile (Lighthouse)', homeMobileBytes, budgets),
  ];
}

function line(budget: keyof Budgets, label: string, actual: number | null, budgets: Budgets): BudgetLine {
  const limit = budgets[budget];
  return { budget, label, actual, limit, pass: actual !== null && actual <= limit };
}
