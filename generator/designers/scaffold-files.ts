import type { Catalog } from '../catalog/registry.ts';

/**
 * The text of scaffolded files. A new template is built only from what the
 * catalogue has (its sections' default variants, the first theme); a new
 * section shows one fact the founder gave, with our own headline around it,
 * so it is grounded and renders before the designer changes anything.
 */

/** `garden-centre` → `Garden centre`. */
function label(name: string): string {
  const words = name.split(/[-_]/).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Pages of a new template: the usual sections, each kept only when the catalogue has it. */
const PAGES: { slug: string; label: string; sections: { type: string; required?: boolean }[] }[] = [
  {
    slug: '',
    label: 'Home',
    sections: [
      { type: 'hero', required: true },
      { type: 'what_problem' },
      { type: 'services' },
      { type: 'testimonials' },
      { type: 'cta' },
    ],
  },
  {
    slug: 'about',
    label: 'About',
    sections: [{ type: 'about', required: true }, { type: 'how_different' }, { type: 'credentials' }],
  },
  {
    slug: 'contact',
    label: 'Contact',
    sections: [{ type: 'contact', required: true }, { type: 'faq' }],
  },
];

export function templateFile(id: string, catalog: Catalog): string {
  const theme = [...catalog.themes.keys()].sort()[0] ?? 'calm';
  const header = catalog.sections.get('header')?.variants[0] ?? 'bar';
  const footer = catalog.sections.get('footer')?.variants[0] ?? 'simple';
  const pages = PAGES.map((p) => ({ ...p, sections: p.sections.filter((s) => catalog.sections.has(s.type)) }))
    .filter((p, i) => i === 0 || p.sections.length > 0)
    .map((p) => ({
      ...p,
      sections: p.sections.map((s) => ({ type: s.type, ...(s.required ? { required: true } : {}) })),
    }));
  const template = {
    $schema: '../template.schema.json',
    id,
    name: label(id).slice(0, 60),
    summary: `Made by \`dreamseed templates new ${id}\`. Choose the pages and, for each, the sections in order and their variants ("variant": "split"; the default is the section's first); sections/README.md says what each needs. Mark "required" only on the section that carries its page. Then set "suits" so the selector picks this template for the right businesses, and run \`dreamseed templates lint ${id}\`. docs/designers.md walks through it.`,
    description: 'A new template: say here which businesses it is for and what it puts first.',
    theme,
    chrome: { header, footer },
    pages,
    suits: { categories: [id] },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

export function sectionFiles(type: string): Record<string, string> {
  const css = type.replaceAll('_', '-');
  const section = `import { z } from 'zod';
import { headlineFields, line } from '../../generator/catalog/content-schema.ts';
import { defineSection } from '../../generator/catalog/define-section.ts';
import { headlineAndEyebrow } from '../../generator/catalog/section-kit.ts';

/**
 * ${label(type)}: made by \`dreamseed sections new ${type}\`. It shows the founder's
 * tagline in their own words under a headline of our own. Make it yours: list
 * in \`reads\` every fact it uses (and only those), in \`requires\` those it
 * cannot be written without, shape \`schema\` to what the variants show, and
 * write \`compose\` from the facts only. sections/README.md has the contract;
 * docs/designers.md walks through it.
 */
const MAX_TEXT = 200;

export default defineSection({
  type: '${type}',
  label: '${label(type)}',
  description: 'What this section tells a visitor (shown to designers and founders).',
  schemaVersion: 1,
  placement: 'main',
  reads: ['business_name', 'tagline'],
  requires: ['tagline'],
  whenMissing: 'omit',
  schema: z.strictObject({
    ...headlineFields,
    text: line(MAX_TEXT),
  }),
  variants: ['standard'],
  patterns: {
    // Our own copy, chosen per business; \`{{name}}\` is the business, given only when the headline does not name it.
    eyebrow: ['In a few words', 'About {{name}}'],
    headline: ['What {{business}} is about', 'In short', 'What we stand for'],
  },
  compose(ctx) {
    const tagline = ctx.fact('tagline');
    // The founder's words, as given: never cut, never invented.
    const text = tagline ? ctx.verbatim(tagline, { max: MAX_TEXT, sentence: true }) : undefined;
    if (!text) return { status: 'missing', missing: ['tagline'] };
    const { headline, eyebrow } = headlineAndEyebrow(ctx, 'In short');
    return { status: 'ok', content: { eyebrow, headline, text } };
  },
});
`;
  const variant = `---
import { headingsOf, type VariantProps } from '../../generator/site/astro/variant-props.ts';
import SectionHead from '../_shared/SectionHead.astro';
import type section from './section.ts';

type Props = VariantProps<typeof section>;
const { content } = Astro.props;
const headings = headingsOf(Astro.props);
---
<section class="section ${css} ${css}--standard" aria-labelledby={headings.headingId}>
  <div class="container flow">
    <SectionHead class="head flow" headings={headings} eyebrow={content.eyebrow} title={content.headline} titleClass="title" />
    <p class="text">{content.text}</p>
  </div>
</section>
<style>
  .title { font-size: var(--step-3); overflow-wrap: anywhere; }
  .text { max-width: var(--measure); font-size: var(--step-1); overflow-wrap: anywhere; }
</style>
`;
  const prompt = `---
keep: text
---
This section tells a visitor, in a few words, what the business is about: the founder's tagline (the \`text\` field, copied as it is) under a headline of our own.
- headline: a short, plain line in the brand voice that introduces the tagline without repeating it.
- eyebrow: a short label such as "In a few words", or null.
`;
  return { 'section.ts': section, 'standard.astro': variant, 'prompt.hbs': prompt };
}
