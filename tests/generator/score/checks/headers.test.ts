import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import headersCheck, { checkHeaders, inlineStyleHashes } from '../../../../generator/score/checks/headers.ts';
import { sitePages } from '../../../../generator/score/site-pages.ts';
import { headersFile } from '../../../../generator/stages/build-site.ts';
import { scratchFolders } from '../../../helpers/scratch.ts';

/**
 * The security headers every page gets from `_headers`, checked as a reviewer
 * would: the build's own pass, each weakness is named, and the check words
 * every problem as the gate lists it.
 */
const scratch = scratchFolders();

describe('security headers', () => {
  const page = '<!doctype html><html><head><style>body{color:red}</style></head><body><p>x</p></body></html>';

  it('passes the headers the build writes', () => {
    const report = checkHeaders(headersFile(inlineStyleHashes(page)), [{ path: '/', html: page }]);
    expect(report.problems).toEqual([]);
    expect(report.home['content-security-policy']).toContain("script-src 'none'");
  });

  it('finds a missing style hash, a style attribute, a weak HSTS and missing headers', () => {
    const weak = `/*\n  Content-Security-Policy: default-src 'none'; style-src 'sha256-AAAA'; script-src 'none'\n  Strict-Transport-Security: max-age=600\n`;
    const html = page.replace('<p>x</p>', '<p style="color:blue">x</p>');
    const problems = checkHeaders(weak, [{ path: '/', html }]).problems.map(
      (p) => `${p.header}: ${p.problem}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/style-src lacks the hash of 1 inline/),
        expect.stringMatching(/style="" attributes/),
        expect.stringMatching(/frame-ancestors/),
        expect.stringMatching(/base-uri/),
        expect.stringMatching(/Strict-Transport-Security: max-age 600 is under one year/),
        'X-Content-Type-Options: must be nosniff',
        'Referrer-Policy: missing',
        'Permissions-Policy: missing',
      ]),
    );
    expect(checkHeaders(null, []).problems[0]!.problem).toMatch(/no _headers file/);
  });
});

describe('the headers check', () => {
  it('reads every page of the site against its _headers file', async () => {
    const root = scratch('ds-headers-');
    const page = '<!doctype html><html><head><style>p{margin:0}</style></head><body><p>x</p></body></html>';
    mkdirSync(join(root, 'about'));
    writeFileSync(join(root, 'index.html'), page);
    writeFileSync(join(root, 'about', 'index.html'), page.replace('<p>x', '<p style="color:red">x'));
    const pages = sitePages(root);
    const result = await headersCheck.run({ root, pages, headersFile: headersFile(inlineStyleHashes(page)) });
    expect(result.findings).toEqual([
      {
        id: 'problem',
        severity: 'error',
        page: '/about/',
        message:
          'Header Content-Security-Policy on /about/: the page has style="" attributes, which this CSP blocks: move them into a stylesheet',
      },
    ]);
    const missing = await headersCheck.run({ root, pages, headersFile: null });
    expect(missing.findings).toEqual([
      {
        id: 'problem',
        severity: 'error',
        page: null,
        message: 'Header _headers on *: the site has no _headers file',
      },
    ]);
  });
});
