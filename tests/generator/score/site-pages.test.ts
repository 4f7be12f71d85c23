import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sitePages } from '../../../generator/score/site-pages.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/** The pages of a built site: home first, then the sitemap's order, the 404 page last. */
const scratch = scratchFolders();

describe('site pages', () => {
  it('lists pages home first, in sitemap order, and picks the inner page from it', () => {
    const root = scratch('ds-pages-');
    for (const dir of ['about', 'contact']) mkdirSync(join(root, dir));
    for (const file of ['index.html', '404.html', 'about/index.html', 'contact/index.html'])
      writeFileSync(join(root, file), '<!doctype html><title>x</title>');
    writeFileSync(
      join(root, 'sitemap.xml'),
      '<urlset><url><loc>https://shop.dreamseed.site/</loc></url><url><loc>https://shop.dreamseed.site/contact/</loc></url><url><loc>https://shop.dreamseed.site/about/</loc></url></urlset>',
    );
    expect(sitePages(root)).toEqual({
      files: ['index.html', 'contact/index.html', 'about/index.html', '404.html'],
      paths: ['/', '/contact/', '/about/', '/404.html'],
      home: '/',
      inner: '/contact/',
    });
  });

  it('refuses a folder that is not a built site', () => {
    expect(() => sitePages(scratch('ds-pages-'))).toThrow(/has no index.html/);
  });
});
