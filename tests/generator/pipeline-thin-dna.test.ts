import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../generator/catalog/registry.ts';
import { checkGrounding } from '../../generator/content/grounding.ts';
import { parseBundle } from '../../generator/dna/bundle-file.ts';
import { generateSiteDetailed } from '../../generator/pipeline.ts';
import { checkJsonLd } from '../../generator/score/checks/jsonld.ts';
import { PLACEHOLDER } from '../helpers/demo.ts';
import { htmlFiles, pageFacts } from '../helpers/html.ts';
import { scratchFolders } from '../helpers/scratch.ts';

/**
 * Thin DNA still makes a proper page (real Astro builds): a founder with only
 * a name, or a name and one fact, gets pages with exactly one h1 each and a
 * home page whose heading is the name (or the tagline or service it says),
 * showing what is known and how to get in touch, with nothing invented and no
 * filler. The warning names what the page still needs.
 */
const scratch = scratchFolders();
const home = scratch('ds-thin-');
process.env.DREAMSEED_HOME = home;
afterAll(() => {
  delete process.env.DREAMSEED_HOME;
});

const NAME = 'Café Crème';
const templates = [...(await loadCatalog()).templates.keys()].sort();
/** Filler a thin page must never show in place of a fact. */
const FILLER =
  /coming soon|under construction|more (information|details) soon|stay tuned|welcome to our (new )?website/i;

async function build(label: string, truth: Record<string, unknown>, template: string) {
  const raw = { users: { business_name: NAME }, dream_dna_truth: truth };
  const file = join(scratch('ds-thin-bundle-'), `${label}.json`);
  writeFileSync(file, JSON.stringify(raw));
  const outDir = join(home, label);
  const { summary, spec } = await generateSiteDetailed({ source: { kind: 'dna', file }, outDir, template });
  const bundle = parseBundle(raw, home, label);
  const pages = htmlFiles(outDir).map((name) => {
    const html = readFileSync(join(outDir, name), 'utf8');
    const main = /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
    return { name, facts: pageFacts(join(outDir, name)), html, main };
  });
  const sections = [spec.header, spec.footer, ...spec.pages.flatMap((p) => p.sections)];
  const invented = sections.flatMap((s) =>
    checkGrounding(s.content, bundle).map((p) => `${s.key}: ${p.value}`),
  );
  const jsonLd = checkJsonLd(
    pages.flatMap((p) => p.facts.jsonLd.map((text) => ({ page: p.name, text }))),
    { bundle, siteOrigins: [new URL(spec.site.url).origin] },
  );
  return { summary, pages, invented, jsonLd };
}

/** Every page: one h1, a main with something in it, no filler or placeholder; nothing invented anywhere. */
function expectProperPages(site: Awaited<ReturnType<typeof build>>, where: string) {
  expect(site.invented, where).toEqual([]);
  expect(site.jsonLd.invented, where).toEqual([]);
  for (const page of site.pages) {
    const at = `${where} ${page.name}`;
    expect(
      page.facts.h.filter((h) => h.level === 1),
      at,
    ).toHaveLength(1);
    expect(page.main.replace(/<[^>]+>/g, '').trim().length, `${at}: empty main`).toBeGreaterThan(0);
    expect(page.facts.text, at).not.toMatch(FILLER);
    expect(page.facts.text, at).not.toMatch(PLACEHOLDER);
  }
  const index = site.pages.find((p) => p.name === 'index.html')!;
  expect(index.facts.text, where).toContain(NAME);
  return index;
}

describe('a bundle with only a business name', { timeout: 300_000 }, () => {
  it.each(templates)(
    '%s: the name heads the home page, and the warning names what it needs',
    async (template) => {
      const site = await build(`name-only-${template}`, {}, template);
      const index = expectProperPages(site, template);
      expect(index.facts.h.find((h) => h.level === 1)!.text).toBe(NAME);
      expect(site.summary.pages).toEqual(['/']);
      expect(site.summary.warnings).toContainEqual(
        expect.stringMatching(/^\/ shows only what the DNA holds so far: it needs primary_service\. /),
      );
    },
  );
});

/**
 * Name plus one fact; each fact is built with another template in turn. `shown`: where a visitor
 * reads the fact — on the home page, on some page of the site, or only in the page metadata (a fact
 * the body has no place for on its own).
 */
const ONE_FACT: [field: string, value: unknown, needle: string, shown: 'home' | 'site' | 'metadata'][] = [
  ['contact_phone', '(401) 555-0134', '(401) 555-0134', 'home'],
  ['contact_email', 'hello@cafe-creme.example', 'mailto:hello@cafe-creme.example', 'home'],
  ['location_city', 'Providence', 'Providence', 'home'],
  ['primary_service', 'Espresso and pastries', 'spresso and pastries', 'home'],
  ['who_serves', 'Students and night-shift nurses', 'tudents and night-shift nurses', 'home'],
  ['tagline', 'Coffee worth the walk', 'offee worth the walk', 'home'],
  ['what_problem', 'Nowhere nearby opens before six.', 'Nowhere nearby opens before six', 'home'],
  ['how_different', 'We open at five, every day.', 'We open at five', 'site'],
  [
    'founder_story',
    'Ana roasted coffee at home for ten years before opening the café.',
    'roasted coffee at home',
    'site',
  ],
  ['business_hours', 'Mon–Sat 5am–2pm', '5am–2pm', 'home'],
  ['service_area', 'Fox Point and College Hill', 'Fox Point and College Hill', 'home'],
  ['location_region', 'Rhode Island', 'Rhode Island', 'home'],
  ['industry_category', 'Coffee shop', 'offee shop', 'home'],
  ['services', [{ name: 'Espresso', price: 3 }], 'Espresso', 'home'],
  ['faqs', [{ question: 'Do you have oat milk?', answer: 'Yes, always.' }], 'oat milk', 'site'],
  ['testimonials', [{ quote: 'The best start to my shift.', author: 'Dana' }], 'start to my shift', 'home'],
  ['credentials', ['Food safety certificate'], 'Food safety certificate', 'site'],
  ['founder_name', 'Ana Souza', 'Ana Souza', 'metadata'],
  ['founded_year', 2019, '2019', 'metadata'],
  ['website_url', 'https://cafe-creme.example', 'https://cafe-creme.example', 'metadata'],
];

describe('a bundle with the name and one fact', { timeout: 600_000 }, () => {
  it.each(ONE_FACT.map((row, i) => [...row, templates[i % templates.length]!] as const))(
    '%s (%s): proper pages, the fact where a visitor reads it (%s), with %s',
    async (field, value, needle, shown, template) => {
      const site = await build(`one-${field}`, { [field]: value }, template);
      const index = expectProperPages(site, `${field} on ${template}`);
      const body = (p: (typeof site.pages)[number]) => `${p.facts.text} ${p.facts.links.join(' ')}`;
      if (shown === 'home') expect(body(index)).toContain(needle);
      if (shown === 'site') expect(site.pages.map(body).join(' ')).toContain(needle);
      // Every fact reaches at least the metadata (title, description, JSON-LD) or the body.
      expect(site.pages.map((p) => p.html).join(' ')).toContain(needle.replace(/^mailto:/, ''));
    },
  );
});
