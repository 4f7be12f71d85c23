import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import linksCheck, { checkLinks } from '../../../../generator/score/checks/links.ts';
import { pageVisit as visit } from '../../../helpers/page-visit.ts';
import { scratchFolders } from '../../../helpers/scratch.ts';

/**
 * Broken links and missing assets, from what each page references resolved as
 * the host resolves it, on hand-made visits; the check words each as the gate
 * lists it.
 */
const scratch = scratchFolders();

describe('links and assets', () => {
  const root = scratch('ds-links-');
  mkdirSync(join(root, 'about'), { recursive: true });
  mkdirSync(join(root, '_img'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Home</title>');
  writeFileSync(join(root, 'about', 'index.html'), '<!doctype html><title>About</title>');
  writeFileSync(
    join(root, 'sitemap.xml'),
    '<urlset><url><loc>https://shop.dreamseed.site/</loc></url><url><loc>https://shop.dreamseed.site/about/</loc></url></urlset>',
  );
  writeFileSync(join(root, '_img', 'a.webp'), 'x');

  it('resolves links like the host does, on both the served and the production origin', () => {
    const report = checkLinks(root, 'http://127.0.0.1:9/', [
      visit(
        '/',
        [
          '/about/',
          '/about',
          'https://shop.dreamseed.site/about/#team',
          '#main',
          'mailto:a@b.c',
          'https://example.org/',
        ],
        ['/_img/a.webp'],
        ['main'],
      ),
      visit('/about/', ['/', '../'], [], ['team']),
    ]);
    expect(report.broken_links).toEqual([]);
    expect(report.missing_assets).toEqual([]);
    expect(report.external_links).toBe(1);
  });

  it('finds broken pages, missing fragments, missing assets and javascript: links', () => {
    const report = checkLinks(root, 'http://127.0.0.1:9/', [
      visit(
        '/',
        ['/missing/', '/about/#nowhere', 'javascript:alert(1)'],
        ['/_img/gone.webp', 'https://shop.dreamseed.site/_img/also-gone.avif'],
        [],
      ),
      visit('/about/', [], [], []),
    ]);
    expect(report.broken_links.map((l) => l.url)).toEqual([
      '/missing/',
      '/about/#nowhere',
      'javascript:alert(1)',
    ]);
    expect(report.missing_assets.map((l) => l.url)).toEqual([
      '/_img/gone.webp',
      'https://shop.dreamseed.site/_img/also-gone.avif',
    ]);
  });

  it('words each problem as the gate lists it, reading the mobile visits only', async () => {
    const result = await linksCheck.run({
      root,
      servedUrl: 'http://127.0.0.1:9/',
      visits: [
        visit('/', ['/missing/'], ['/_img/gone.webp'], []),
        visit('/', ['/also-missing/'], [], [], { viewport: 'desktop' }),
      ],
    });
    expect(result.findings.map((f) => [f.id, f.page, f.message])).toEqual([
      ['broken-link', '/', 'Broken link on /: /missing/ — no page at /missing/'],
      [
        'missing-asset',
        '/',
        'Missing asset on /: /_img/gone.webp — img points at /_img/gone.webp, which the site does not have',
      ],
    ]);
    expect(result.summary).toEqual({ broken_links: 1, missing_assets: 1 });
  });
});
