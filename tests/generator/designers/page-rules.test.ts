import { describe, expect, it } from 'vitest';
import { pageProblems } from '../../../generator/designers/page-rules.ts';

/** The page rules on small pages and component sources: what is a problem, what is not, and where. */
const ids = (text: string, source = false) =>
  pageProblems(text, { ownHost: 'bakery.example.com', source }).map((p) => `${p.id}@${p.line}`);

describe('page rules', () => {
  it('accept a page with one h1, headings in order, sized images and JSON-LD', () => {
    const page = `<html><head>
<link rel="canonical" href="https://bakery.example.com/">
<link rel="stylesheet" href="/_assets/site.css">
<script type="application/ld+json">{"@context":"https://schema.org"}</script>
</head><body><h1>Rosa</h1><h2>Bread</h2><h3>Loaves</h3><h2>Visit</h2>
<img src="/a.webp" width="10" height="10" alt="">
<a href="https://instagram.com/rosa">Instagram</a></body></html>`;
    expect(ids(page)).toEqual([]);
  });

  it.each([
    ['<h1>A</h1><h1>B</h1>', ['html/one-h1@1']],
    ['<h2>No h1</h2>', ['html/one-h1@1']],
    ['<h1>A</h1>\n<h3>skips h2</h3>', ['html/heading-order@2']],
    ['<h1>A</h1>\n<img src="/a.png" alt="x">', ['html/unsized-image@2']],
    ['<h1>A</h1>\n<img src="/a.png" width="3" alt="x">', ['html/unsized-image@2']],
    ['<h1>A</h1>\n<script>alert(1)</script>', ['html/inline-script@2']],
    [
      '<h1>A</h1>\n<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">',
      ['html/external-font@2'],
    ],
    ['<h1>A</h1>\n<link rel="preload" as="font" href="https://cdn.example.net/x">', ['html/external-font@2']],
    [
      '<h1>A</h1>\n<img src="https://cdn.example.net/a.png" width="1" height="1" alt="">',
      ['html/third-party-request@2'],
    ],
    [
      '<h1>A</h1>\n<picture><source srcset="/a.avif 1x, https://cdn.example.net/b.avif 2x"></picture>',
      ['html/third-party-request@2'],
    ],
    [
      '<h1>A</h1>\n<style>\n@font-face { font-family: X; src: url(https://cdn.example.net/x.woff2); }\n</style>',
      ['html/external-font@3'],
    ],
    [
      '<h1>A</h1>\n<style>\n@import url("https://fonts.googleapis.com/css?family=Lato");\n</style>',
      ['html/external-font@3'],
    ],
    [
      '<h1>A</h1>\n<style>\n.x { background: url(//images.example.net/bg.jpg) }\n</style>',
      ['html/third-party-request@3'],
    ],
  ])('on a built page, %s → %j', (page, expected) => {
    expect(ids(page)).toEqual(expected);
  });

  it('in a component source, flags a literal h1 but not the heading expressions, and trusts spread attributes', () => {
    const source = `---\nconst { Heading } = headingsOf(Astro.props);\n---\n<Heading id={id}>{title}</Heading>\n<img {...attrs} />\n<h1>Extra</h1>`;
    expect(ids(source, true)).toEqual(['html/one-h1@6']);
  });

  it('an inline script with is:inline in a source is still a script', () => {
    expect(ids('<section>\n<script is:inline>x()</script></section>', true)).toEqual([
      'html/inline-script@2',
    ]);
  });
});
