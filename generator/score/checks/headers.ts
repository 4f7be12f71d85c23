import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headersFor, parseHeadersFile } from '../../deploy/headers-file.ts';
import { defineCheck, finding } from '../check.ts';

/**
 * The security headers every page gets from the site's `_headers` file, checked
 * as a reviewer would: a CSP that runs no script, allows no inline anything
 * except the exact `<style>` blocks the pages carry (by hash), cannot be framed
 * and cannot re-base URLs; HSTS for at least a year; nosniff; a referrer policy;
 * a permissions policy; cross-origin isolation of the window.
 */
export interface HeadersReport {
  problems: { page: string; header: string; problem: string }[];
  /** The headers the home page gets, for the report. */
  home: Record<string, string>;
}

export default defineCheck({
  id: 'headers',
  title: 'Security headers',
  order: 60,
  needs: ['root', 'pages', 'headersFile'],
  kinds: { problem: { plural: 'header problems' } },
  run({ root, pages, headersFile }) {
    const headers = checkHeaders(
      headersFile,
      pages.files.map((f, i) => ({ path: pages.paths[i]!, html: readFileSync(join(root, f), 'utf8') })),
    );
    return {
      findings: headers.problems.map((h) =>
        finding('problem', h.page === '*' ? null : h.page, `Header ${h.header} on ${h.page}: ${h.problem}`),
      ),
      lines: [
        {
          pass: !headers.problems.length,
          text: `Security headers (_headers): ${headers.problems.length} problems`,
        },
      ],
      data: headers,
    };
  },
});

export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
  );
}

export function checkHeaders(
  headersText: string | null,
  pages: { path: string; html: string }[],
): HeadersReport {
  const report: HeadersReport = { problems: [], home: {} };
  if (headersText === null) {
    report.problems.push({ page: '*', header: '_headers', problem: 'the site has no _headers file' });
    return report;
  }
  let rules: ReturnType<typeof parseHeadersFile>;
  try {
    rules = parseHeadersFile(headersText);
  } catch (error) {
    report.problems.push({ page: '*', header: '_headers', problem: (error as Error).message });
    return report;
  }
  for (const { path, html } of pages) {
    const headers = headersFor(rules, path);
    if (path === '/') report.home = Object.fromEntries(headers);
    const problem = (header: string, text: string) =>
      report.problems.push({ page: path, header, problem: text });
    const csp = headers.get('content-security-policy');
    if (!csp) {
      problem('Content-Security-Policy', 'missing');
    } else {
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name!.toLowerCase(), values]),
      );
      const effective = (name: string) => directives.get(name) ?? directives.get('default-src');
      const defaults = directives.get('default-src');
      if (!defaults || !(defaults.includes("'none'") || defaults.includes("'self'"))) {
        problem('Content-Security-Policy', "default-src must be 'none' or 'self'");
      }
      if (/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/.test(csp)) {
        problem('Content-Security-Policy', "allows 'unsafe-inline', 'unsafe-eval' or 'unsafe-hashes'");
      }
      const scripts = effective('script-src') ?? [];
      if (!scripts.includes("'none'"))
        problem('Content-Security-Policy', "script-src must be 'none' (sites ship no JavaScript)");
      const styles = effective('style-src') ?? [];
      const missing = inlineStyleHashes(html).filter((h) => !styles.includes(h));
      if (missing.length) {
        problem(
          'Content-Security-Policy',
          `style-src lacks the hash of ${missing.length} inline <style> block(s): the browser would drop them`,
        );
      }
      if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) {
        problem(
          'Content-Security-Policy',
          'the page has style="" attributes, which this CSP blocks: move them into a stylesheet',
        );
      }
      const frames = directives.get('frame-ancestors');
      const xfo = headers.get('x-frame-options');
      if (!frames?.includes("'none'") && !/^(deny|sameorigin)$/i.test(xfo ?? '')) {
        problem(
          'Content-Security-Policy',
          "frame-ancestors 'none' (or X-Frame-Options: DENY) is missing: the site can be framed",
        );
      }
      if (!directives.has('base-uri')) problem('Content-Security-Policy', 'base-uri is not restricted');
      if (!directives.has('object-src') && !defaults?.includes("'none'")) {
        problem('Content-Security-Policy', "object-src is not 'none'");
      }
    }
    const hsts = headers.get('strict-transport-security');
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts ?? '')?.[1] ?? 0);
    if (maxAge < 31_536_000)
      problem('Strict-Transport-Security', hsts ? `max-age ${maxAge} is under one year` : 'missing');
    if (headers.get('x-content-type-options')?.toLowerCase() !== 'nosniff')
      problem('X-Content-Type-Options', 'must be nosniff');
    const referrer = headers.get('referrer-policy')?.toLowerCase();
    if (!referrer || /unsafe-url|no-referrer-when-downgrade/.test(referrer)) {
      problem('Referrer-Policy', referrer ? `${referrer} leaks full URLs` : 'missing');
    }
    if (!headers.get('permissions-policy')) problem('Permissions-Policy', 'missing');
    if (headers.get('cross-origin-opener-policy')?.toLowerCase() !== 'same-origin') {
      problem('Cross-Origin-Opener-Policy', 'must be same-origin');
    }
  }
  return report;
}
