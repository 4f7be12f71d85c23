import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { factCorpus } from '../../generator/content/grounding.ts';
import { readBundleFile } from '../../generator/dna/bundle-file.ts';
import { generateSite } from '../../generator/pipeline.ts';
import { demoBundlePath, demoSlugs, PLACEHOLDER } from '../helpers/demo.ts';
import { htmlFiles, pageFacts, resolves } from '../helpers/html.ts';

/** The template contract: every template builds a correct site for every demo founder. */
const home = mkdtempSync(join(tmpdir(), 'dreamseed-templates-'));
const catalog = await loadCatalog();
const templates = [...catalog.templates.keys()].sort();

beforeAll(() => {
  process.env.DREAMSEED_HOME = home;
});

describe.each(templates)('template %s', (templateId) => {
  it.each(demoSlugs)('builds a correct site for %s', async (slug) => {
    const outDir = join(home, 'sites', `${templateId}--${slug}`);
    const summary = await generateSite({
      source: { kind: 'dna', file: demoBundlePath(slug) },
      template: templateId,
      outDir,
    });
    expect(summary.template.id).toBe(templateId);
    const bundle = await readBundleFile(demoBundlePath(slug));
    const corpus = factCorpus(bundle);

    for (const f of ['index.html', '404.html', 'sitemap.xml', 'robots.txt', '_headers'])
      expect(existsSync(join(outDir, f)), f).toBe(true);
    expect(existsSync(join(outDir, 'favicon.svg')) || existsSync(join(outDir, 'favicon.png'))).toBe(true);
    const headers = readFileSync(join(outDir, '_headers'), 'utf8');
    expect(headers).toMatch(/Content-Security-Policy: .*script-src 'none'/);
    expect(headers).not.toMatch(/unsafe-inline/);
    for (const h of [
      'Strict-Transport-Security',
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy',
      "frame-ancestors 'none'",
    ])
      expect(headers).toContain(h);

    const files = htmlFiles(outDir);
    expect(files.length).toBe(summary.pages.length + 1);
    for (const file of files) {
      const page = pageFacts(join(outDir, file));
      const where = `${templateId}/${slug}/${file}`;
      expect(page.lang, where).toBe('en');
      expect(
        page.h.filter((h) => h.level === 1),
        where,
      ).toHaveLength(1);
      for (let i = 1; i < page.h.length; i++)
        expect(page.h[i]!.level - page.h[i - 1]!.level, `${where} heading order`).toBeLessThanOrEqual(1);
      for (const h of page.h) expect(h.text.length, `${where} empty heading`).toBeGreaterThan(0);
      expect(page.landmarks, where).toEqual(expect.arrayContaining(['header', 'main', 'footer', 'nav']));
      for (const { attrs: img, inMain } of page.imgs) {
        // Content images describe themselves; a logo beside the business name in the header is decorative (alt="").
        expect(img.alt, `${where} img without alt`).toBeDefined();
        if (inMain) expect(img.alt?.trim(), `${where} content img with empty alt`).toBeTruthy();
        expect(Number(img.width), `${where} img width`).toBeGreaterThan(0);
        expect(Number(img.height), `${where} img height`).toBeGreaterThan(0);
      }
      for (const href of page.links) expect(resolves(outDir, href), `${where} link ${href}`).toBe(true);
      expect(
        page.scripts.every((s) => s.type === 'application/ld+json'),
        `${where} ships JavaScript`,
      ).toBe(true);
      expect(page.text, where).not.toMatch(PLACEHOLDER);
      expect(page.title.length, where).toBeGreaterThan(0);
      expect(page.meta.description, where).toBeTruthy();
      if (file !== '404.html') {
        expect(page.canonical, where).toMatch(/^https:\/\//);
        expect(page.meta['og:title'], where).toBeTruthy();
        expect(page.meta['twitter:card'], where).toBe('summary');
      }
    }
    const homePage = pageFacts(join(outDir, 'index.html'));
    expect(homePage.jsonLd).toHaveLength(1);
    const ld = JSON.parse(homePage.jsonLd[0]!) as Record<string, unknown>;
    expect(ld['@context']).toBe('https://schema.org');
    for (const key of ['telephone', 'email'] as const) {
      if (ld[key]) expect(corpus.text).toContain(String(ld[key]).toLowerCase());
    }
  });
});

it('there are at least 6 templates and 4 themes', () => {
  expect(templates.length).toBeGreaterThanOrEqual(6);
  expect(catalog.themes.size).toBeGreaterThanOrEqual(4);
});
