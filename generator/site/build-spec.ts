import type { ThemeDefinition } from '../catalog/define-theme.ts';
import type { DnaBundle } from '../dna/schema.ts';
import type { WrittenSection, WrittenSite } from '../stages/write-sections.ts';
import { hrefOf } from '../stages/write-sections.ts';
import { phrase, title as titleCase } from '../writers/grammar.ts';
import { homeJsonLd } from './json-ld.ts';
import { type SiteSpec, type SpecImage, type SpecSection, siteSpecSchema } from './spec.ts';
import { type Palette, themeStyle, themeVars } from './theme-vars.ts';

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
    const sections = page.sections
      .filter((s) => s.status === 'draft')
      .sort((a, b) => a.position - b.position);
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

/** Cuts at a word boundary without breaking a word; adds an ellipsis only when it cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

function pageTitle(name: string, label: string, isHome: boolean, bundle: DnaBundle): string {
  if (!isHome) return clip(`${label} · ${name}`, 70);
  const service = bundle.truth.tagline ?? bundle.truth.primary_service;
  if (!service) return clip(name, 70);
  const full = `${name} · ${titleCase(service)}`;
  return full.length <= 70 ? full : clip(name, 70);
}

function pageDescription(name: string, label: string, isHome: boolean, bundle: DnaBundle): string {
  const t = bundle.truth;
  const parts: string[] = [];
  if (t.primary_service) parts.push(`${name}: ${phrase(t.primary_service)}`);
  else parts.push(name);
  if (t.who_serves) parts[0] += ` for ${phrase(t.who_serves)}`;
  const place = t.location_city ?? t.service_area;
  if (place && !parts[0]!.includes(place)) parts[0] += ` in ${place}`;
  const base = `${parts[0]}.`;
  return clip(isHome ? base : `${label} — ${base}`, 160);
}
