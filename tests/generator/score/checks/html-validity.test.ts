import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import htmlCheck from '../../../../generator/score/checks/html-validity.ts';
import { requireJava } from '../../../../generator/score/java.ts';
import { sitePages } from '../../../../generator/score/site-pages.ts';
import { scratchFolders } from '../../../helpers/scratch.ts';

/**
 * The Nu HTML Checker on the machine's Java, over every page of a hand-made
 * site: a valid page passes, an invalid one is named by file and line as the
 * gate lists it.
 */
const scratch = scratchFolders();

describe('the html-validity check', () => {
  it('passes valid pages and names each error by file and line', { timeout: 120_000 }, async () => {
    const root = scratch('ds-html-');
    mkdirSync(join(root, 'about'));
    const valid =
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><p>x</p></body></html>';
    writeFileSync(join(root, 'index.html'), valid);
    writeFileSync(
      join(root, 'about', 'index.html'),
      valid.replace('<p>x</p>', '<p>x</p>\n<div><p>a</div></span>'),
    );
    const result = await htmlCheck.run({ java: requireJava(), root, pages: sitePages(root) });
    expect(result.findings.length).toBeGreaterThan(0);
    for (const f of result.findings) {
      expect(f).toMatchObject({ id: 'error', severity: 'error', page: '/about/' });
      expect(f.message).toMatch(/^HTML error in about\/index\.html line 2: /);
    }
    expect(result.summary).toEqual({ html_errors: result.findings.length });
    expect(result.tools?.html_checker).toMatch(/^vnu/);
    expect(result.lines[0]).toMatchObject({ pass: false });
    expect(result.lines[0]!.text).toMatch(/^HTML validity: \d+ errors, \d+ warnings \(vnu/);
  });
});
