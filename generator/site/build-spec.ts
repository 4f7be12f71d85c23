import type { Palette, ThemeDefinition } from '../catalog/define-theme.ts';
import { nameWords, phrase, sentence, title as titleCase } from '../catalog/grammar.ts';
import { hrefOf } from '../catalog/slots.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { WrittenSection, WrittenSite } from '../writers/written-site.ts';
import { homeJsonLd } from './json-ld.ts';
import { settledFact } from './settled-facts.ts';
import { componentKeys, type SiteSpec, type SpecImage, type SpecSection, siteSpecSchema } from './spec.ts';
import { themeStyle, themeVars } from './theme-vars.ts';

/**
 * Assembles the site spec from the written sections, the theme, the palette and
 * the image variants. Only `draft` (and later approved) sections are published;
 * needs_input sections stay with the founder and never render as placeholders.
 */
export interface SpecInput {
  bundle: DnaBundle;
  templateId: string;
  theme: ThemeDefinition;
  palette: Palette;
  written: WrittenSite;
  images: Record<string, SpecImage>;
  siteUrl: string;
  favicon: string | null;
  logoUrl: string | null;
}

export function businessNameOf(bundle: DnaBundle): string {
  return (bundle.truth.business_name ?? bundle.user.business_name ?? bundle.user.slug).trim();
}

/** A page's sections that the site shows, in order: its drafts (needs_input and omitted ones never render). */
function publishedSections(page: WrittenSite['pages'][number]): WrittenSection[] {
  return page.sections.filter((s) => s.status === 'draft').sort((a, b) => a.position - b.position);
}

/**
 * The components (`type/variant`) the site built from these sections shows, as `componentsOf` gives them
 * for its spec: known once the copy is written, before the palette and images (PageRenderer.shows).
 */
export function shownComponents(written: WrittenSite): string[] {
  return componentKeys([written.header, written.footer, ...written.pages.flatMap(publishedSections)]);
}

export function buildSiteSpec(input: SpecInput): SiteSpec {
  const { bundle, written } = input;
  const name = businessNameOf(bundle);
  const toSpec = (w: WrittenSection): SpecSection => ({
    key: w.key,
    type: w.type,
    variant: w.variant,
    content: w.content,
  });
  const pages = written.pages.map((page) => {
    const sections = publishedSections(page);
    const isHome = page.slug === '';
    return {
      slug: page.slug,
      path: hrefOf(page.slug),
      label: page.label,
      title: pageTitle(name, page.label, isHome, bundle),
      description: pageDescription(name, page.label, isHome, bundle),
      sections: sections.map(toSpec),
      jsonLd: isHome ? homeJsonLd(bundle, name, input.siteUrl, input.logoUrl) : null,
    };
  });
  const spec: SiteSpec = {
    version: 1,
    site: { slug: bundle.user.slug, name, lang: 'en', url: input.siteUrl, template: input.templateId },
    theme: {
      id: input.theme.id,
      vars: themeVars(input.theme, input.palette),
      style: themeStyle(input.theme),
      colors: { ...input.palette },
    },
    nav: written.pages.map((p) => ({ href: hrefOf(p.slug), label: p.label })),
    header: toSpec(written.header),
    footer: toSpec(written.footer),
    pages,
    images: input.images,
    favicon: input.favicon,
  };
  return siteSpecSchema.parse(spec);
}

/** Longest title and meta description a page gets (what search results show). */
export const TITLE_MAX = 70;
export const DESCRIPTION_MAX = 160;

/** Cuts at a word boundary without breaking a word; adds an ellipsis only when it cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/**
 * The page title. Home: the name with the tagline when the tagline is settled
 * (`settled-facts.ts`: an unconfirmed tagline waits for the founder's approval
 * in the hero), else with what the business is; the name alone when neither fits.
 */
export function pageTitle(name: string, label: string, isHome: boolean, bundle: DnaBundle): string {
  if (!isHome) return clip(`${label} · ${name}`, TITLE_MAX);
  for (const text of [settledFact(bundle, 'tagline'), ...whatItIs(bundle)]) {
    if (!text) continue;
    const full = `${name} · ${titleCase(text)}`;
    if (full.length <= TITLE_MAX) return full;
  }
  return clip(name, TITLE_MAX);
}

/**
 * The meta description: whole clauses from settled DNA facts, never a cut word,
 * number or phrase. "<Name> in <city>: <what it offers> for <who it serves>."
 * (the city belongs to the business, never to the audience), then the tagline
 * as a sentence of its own when it fits. What does not fit is left out whole:
 * the audience first, then the city, then the main service for a shorter
 * "what it is" (industry, business type). Inner pages lead with their label.
 */
export function pageDescription(name: string, label: string, isHome: boolean, bundle: DnaBundle): string {
  const t = bundle.truth;
  const lead = isHome ? '' : `${label} — `;
  const fits = (text: string) => lead.length + text.length <= DESCRIPTION_MAX;
  // Words kept capitalised mid-sentence: names of people and places; the business's own name only in
  // the founder's service (an industry or business type such as "Software consulting" is lower-cased).
  const proper = nameWords(t.founder_name, t.location_city, t.location_region, t.location_country);
  const withName = nameWords(name, t.founder_name, t.location_city, t.location_region, t.location_country);
  const primary = settledFact(bundle, 'primary_service');
  const city = settledFact(bundle, 'location_city');
  const who = settledFact(bundle, 'who_serves');
  const tagline = settledFact(bundle, 'tagline');
  const said = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());

  // Richest first; each later one leaves out a whole clause.
  const candidates: string[] = [];
  for (const what of whatItIs(bundle)) {
    const offer = phrase(what, what === primary ? withName : proper);
    const forWhom = who ? `${offer} for ${phrase(who, withName)}` : undefined;
    const variants: [string | undefined, boolean][] = [
      [forWhom, true],
      [offer, true],
      [forWhom, false],
      [offer, false],
    ];
    for (const [body, withCity] of variants) {
      if (!body) continue;
      const where = withCity && city && !said(`${name} ${body}`, city) ? city : undefined;
      candidates.push(closed(`${name}${where ? ` in ${where}` : ''}: ${body}`));
    }
  }
  if (city && !said(name, city)) candidates.push(closed(`${name} in ${city}`));
  candidates.push(closed(name));
  const core = candidates.find(fits);
  if (!core) return clip(`${lead}${closed(name)}`, DESCRIPTION_MAX);
  const motto = tagline && !said(core, tagline.replace(/[.!?]+$/, '')) ? sentence(tagline) : undefined;
  return `${lead}${motto && fits(`${core} ${motto}`) ? `${core} ${motto}` : core}`;
}

/** What the business is, most specific first: its main service, its industry, its type (settled facts only). */
function whatItIs(bundle: DnaBundle): string[] {
  const texts = [
    settledFact(bundle, 'primary_service'),
    settledFact(bundle, 'industry_category'),
    bundle.user.business_type,
  ];
  return texts.filter((text): text is string => !!text?.trim());
}

/** Ends the text as a sentence: a full stop unless it already ends with one, "!" or "?". */
function closed(text: string): string {
  return /[.!?]["”’)]?$/.test(text) ? text : `${text}.`;
}
