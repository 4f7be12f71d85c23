import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageVisit } from '../../../generator/score/browser-checks.ts';
import { DEFAULT_BUDGETS, gzipBytes, measureBudgets } from '../../../generator/score/budgets.ts';
import { requireChromium } from '../../../generator/score/chromium.ts';
import { scoreFailures } from '../../../generator/score/gate.ts';
import { checkHeaders, inlineStyleHashes } from '../../../generator/score/headers-check.ts';
import { findJava, requireJava } from '../../../generator/score/html-validity.ts';
import { checkJsonLd, dnaFacts } from '../../../generator/score/jsonld-check.ts';
import { checkLinks } from '../../../generator/score/link-check.ts';
import { withLighthouseLock } from '../../../generator/score/run-lock.ts';
import { sitePages } from '../../../generator/score/site-pages.ts';
import { homeJsonLd } from '../../../generator/site/json-ld.ts';
import { headersFile } from '../../../generator/stages/build-site.ts';
import { demoBundles } from '../../helpers/demo.ts';
import { scratchFolders } from '../../helpers/scratch.ts';

/**
 * The reviewer checks as pure functions, on hand-made inputs: each must catch
 * what it exists for and pass what the generator produces.
 */
const bundles = await demoBundles();
const scratch = scratchFolders();
const bakery = bundles.get('bakery')!;

describe('JSON-LD states only DNA facts', () => {
  const origin = 'https://bakery.dreamseed.site';

  it('passes the generator’s own JSON-LD for every demo founder', () => {
    for (const [slug, bundle] of bundles) {
      const url = `https://${slug}.dreamseed.site/`;
      const data = homeJsonLd(
        bundle,
        bundle.truth.business_name ?? bundle.user.business_name ?? slug,
        url,
        `${url}_img/logo.webp`,
      );
      const report = checkJsonLd([{ page: '/', text: JSON.stringify(data) }], {
        bundle,
        siteOrigins: [new URL(url).origin],
      });
      expect(report.invented, slug).toEqual([]);
      expect(report.invalid, slug).toEqual([]);
    }
  });

  it('names a value the DNA does not hold, a foreign URL, and a block that does not parse', () => {
    const data = {
      '@context': 'https://schema.org',
      '@type': 'Bakery',
      name: bakery.truth.business_name,
      telephone: '+1 555 0000',
      aggregateRating: { '@type': 'AggregateRating', ratingValue: 4.9 },
      sameAs: ['https://example.org/rosa'],
    };
    const report = checkJsonLd(
      [
        { page: '/', text: JSON.stringify(data) },
        { page: '/about/', text: '{"@context": "https://schema.org", ' },
      ],
      { bundle: bakery, siteOrigins: [origin] },
    );
    expect(report.invented.map((i) => i.path).sort()).toEqual([
      '$.aggregateRating.ratingValue',
      '$.sameAs[0]',
      '$.telephone',
    ]);
    expect(report.invalid).toHaveLength(1);
    expect(report.invalid[0]!.reason).toMatch(/does not parse/);
  });

  it('without DNA checks structure only, and says so', () => {
    const report = checkJsonLd(
      [{ page: '/', text: '{"@context":"https://schema.org","@type":"Thing","name":"X"}' }],
      {
        bundle: null,
        siteOrigins: [origin],
      },
    );
    expect(report).toMatchObject({ dna_checked: false, invented: [], invalid: [] });
  });

  it('names offers that state a price otherwise than the DNA (the old flattened shape among them)', () => {
    const plumber = bundles.get('emergency-plumber')!;
    const offer = (name: string, fields: Record<string, unknown>) => ({ '@type': 'Offer', name, ...fields });
    const data = {
      '@context': 'https://schema.org',
      '@type': 'Plumber',
      name: plumber.truth.business_name,
      makesOffer: [
        // "from" $185 stated as an exact price; "$140 per hour" without its unit.
        offer('Drain clearing', { price: '185', priceCurrency: 'USD' }),
        offer('Labour after the first thirty minutes', { price: '140', priceCurrency: 'USD' }),
        // A minimum the DNA does not give, a unit it does not say, a price it has none for, no currency.
        offer('Emergency call-out', {
          priceCurrency: 'USD',
          priceSpecification: { '@type': 'PriceSpecification', priceCurrency: 'USD', minPrice: '175' },
        }),
        offer('Water heater replacement', {
          priceCurrency: 'USD',
          priceSpecification: {
            '@type': 'UnitPriceSpecification',
            priceCurrency: 'USD',
            price: '1450',
            unitText: 'day',
          },
        }),
        offer('Burst pipe repair', { price: '175', priceCurrency: 'USD' }),
        offer('Water heater replacement', { price: '1450' }),
      ],
    };
    const report = checkJsonLd([{ page: '/', text: JSON.stringify(data) }], {
      bundle: plumber,
      siteOrigins: ['https://emergency-plumber.dreamseed.site'],
    });
    const said = report.invented.map((i) => `${i.path} ${i.reason}`);
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\$\.makesOffer\[0\]\.price states an exact price; .* starting price \("from"\)/,
        ),
        expect.stringMatching(/^\$\.makesOffer\[1\]\.price states a price without its unit; .*"per hour"/),
        expect.stringMatching(/^\$\.makesOffer\[2\]\.priceSpecification\.minPrice states a starting price/),
        '$.makesOffer[3].priceSpecification.unitText is not in the Dream DNA',
        expect.stringMatching(/^\$\.makesOffer\[3\]\.priceSpecification\.unitText states a price per unit/),
        expect.stringMatching(
          /^\$\.makesOffer\[4\]\.price gives a price for "Burst pipe repair"; the Dream DNA has none/,
        ),
      ]),
    );
    expect(said).toHaveLength(6);
    expect(report.invalid.map((i) => i.path)).toEqual(['$.makesOffer[5].priceCurrency']);
  });

  it('names a price that is not the DNA’s, even when the amount is another service’s', () => {
    const wedding = bundles.get('wedding-photographer')!;
    const data = {
      '@context': 'https://schema.org',
      '@type': 'ProfessionalService',
      name: wedding.truth.business_name,
      makesOffer: {
        '@type': 'Offer',
        name: 'Heirloom album',
        priceCurrency: 'USD',
        priceSpecification: { '@type': 'PriceSpecification', priceCurrency: 'USD', minPrice: '650' },
      },
    };
    const report = checkJsonLd([{ page: '/', text: JSON.stringify(data) }], {
      bundle: wedding,
      siteOrigins: ['https://wedding-photographer.dreamseed.site'],
    });
    expect(report.invented.map((i) => `${i.path} ${i.value}`)).toEqual([
      '$.makesOffer.priceSpecification.minPrice 650',
    ]);
  });

  it('accepts a rate’s unit of measure read from the DNA ("per hour" → "hour"), and no made-up one', () => {
    const facts = dnaFacts(bundles.get('emergency-plumber')!);
    expect(facts.has('hour')).toBe(true);
    expect(facts.has('day')).toBe(false);
  });

  it('treats numbers from the DNA as facts in their text form', () => {
    const facts = dnaFacts(bakery);
    for (const s of bakery.truth.services ?? [])
      if (typeof s.price === 'number') expect(facts.has(String(s.price))).toBe(true);
  });
});

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

function visit(path: string, links: string[], resources: string[] = [], ids: string[] = []): PageVisit {
  return {
    path,
    viewport: 'mobile',
    status: 200,
    links: links.map((value) => ({ tag: 'a', value })),
    resources: resources.map((value) => ({ tag: 'img', value })),
    ids,
    canonical: path === '/' ? 'https://shop.dreamseed.site/' : null,
    jsonLd: [],
    scripts: [],
    failedRequests: [],
    consoleErrors: [],
    axe: [],
    axeVersion: 'test',
  };
}

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

  it('lists pages home first, in sitemap order, and picks the inner page from it', () => {
    expect(sitePages(root)).toMatchObject({ paths: ['/', '/about/'], home: '/', inner: '/about/' });
  });
});

describe('byte budgets', () => {
  it('measures the home page gzipped, JavaScript in files and inline, and the mobile transfer', () => {
    const root = scratch('ds-budget-');
    const html = `<!doctype html><title>x</title><style>${'.a{color:red}'.repeat(50)}</style><script type="application/ld+json">{"@type":"Thing"}</script>`;
    writeFileSync(join(root, 'index.html'), html);
    const ok = measureBudgets(root, ['index.html'], 200_000);
    expect(ok.every((b) => b.pass)).toBe(true);
    expect(ok[0]!.actual).toBe(gzipBytes(html));

    writeFileSync(join(root, 'index.html'), `${html}<script>console.log(1)</script>`);
    writeFileSync(join(root, 'app.js'), 'export {}');
    const over = measureBudgets(root, ['index.html', 'app.js'], 400_000);
    expect(over.find((b) => b.budget === 'javascript_bytes')).toMatchObject({ actual: 23, pass: false });
    expect(over.find((b) => b.budget === 'home_mobile_bytes')).toMatchObject({
      pass: false,
      limit: DEFAULT_BUDGETS.home_mobile_bytes,
    });
    expect(
      measureBudgets(root, ['index.html'], null).find((b) => b.budget === 'home_mobile_bytes')?.pass,
    ).toBe(false);
  });
});

describe('the gate’s reasons', () => {
  it('words each failure as what to fix, gating performance on mobile only', () => {
    const run = {
      page: '/',
      form_factor: 'mobile' as const,
      url: 'http://x/',
      scores: { performance: 91, accessibility: 96, 'best-practices': 100, seo: 100 },
      metrics: { lcp_ms: 3000, cls: 0, tbt_ms: 0, fcp_ms: 1000, speed_index_ms: 1000 },
      total_bytes: 1000,
      failing_audits: [
        {
          id: 'image-alt',
          categories: ['accessibility' as const, 'seo' as const],
          title: 'x',
          score: 0,
          display: null,
        },
        {
          id: 'largest-contentful-paint',
          categories: ['performance' as const],
          title: 'x',
          score: 50,
          display: '3 s',
        },
      ],
      unmeasured_audits: [],
      warnings: [],
      lighthouse_version: '12.2.3',
      duration_ms: 1,
      attempts: 1,
    };
    const reasons = scoreFailures({
      lighthouse: [
        run,
        {
          ...run,
          form_factor: 'desktop',
          scores: { ...run.scores, performance: 80, accessibility: 100 },
          failing_audits: [],
        },
      ],
      unmeasured: [
        {
          page: '/about/',
          form_factor: 'mobile',
          url: 'http://x/about/',
          code: 'NO_NAVSTART',
          message: 'x',
          attempts: 3,
        },
      ],
      html: { errors: [{ file: 'index.html', line: 3, message: 'Bad thing.', extract: null }] },
      axe: [],
      links: {
        broken_links: [{ page: '/', url: '/x/', reason: 'no page at /x/' }],
        missing_assets: [],
        internal_links: 1,
        external_links: 0,
      },
      jsonld: { blocks: 1, invalid: [], invented: [], dna_checked: true },
      headers: { problems: [], home: {} },
      budgets: [],
      consoleErrors: [],
    });
    expect(reasons).toEqual([
      'Lighthouse could not measure /about/ (mobile) in 3 runs (NO_NAVSTART): score it again; if it persists, open the page in Chromium and look for what stops it loading',
      'Lighthouse performance is 91 on / (mobile), needs ≥ 95: fix largest-contentful-paint',
      'Lighthouse accessibility is 96 on / (mobile), needs 100: fix image-alt',
      'HTML error in index.html line 3: Bad thing.',
      'Broken link on /: /x/ — no page at /x/',
    ]);
  });
});

describe('one Lighthouse run at a time', () => {
  it('never lets two runs overlap, even when asked at once', async () => {
    let running = 0;
    let most = 0;
    // Its own lock file: the machine-wide one may be held by a real run in another test worker.
    const lockFile = join(scratch('ds-lock-'), 'lighthouse.lock');
    const run = () =>
      withLighthouseLock(
        async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 30));
          running--;
        },
        { lockFile },
      );
    await Promise.all([run(), run(), run()]);
    expect(most).toBe(1);
  });
});

describe('missing tools', () => {
  it('says exactly what to install, and measures nothing', () => {
    const empty = scratch('ds-nopath-');
    expect(findJava({ PATH: empty })).toBeNull();
    expect(() => requireJava({ PATH: empty })).toThrow(
      /Java .* was not found on this machine. Nothing was measured/,
    );
    try {
      requireJava({ PATH: empty });
    } catch (error) {
      expect((error as { hint?: string }).hint).toMatch(/apt-get install default-jre-headless/);
    }
    expect(() => requireChromium({ PATH: empty, CHROMIUM_PATH: join(empty, 'chromium') })).toThrow(
      /Chromium is needed/,
    );
  });
});
