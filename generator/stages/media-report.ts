import { basename } from 'node:path';
import { shapeOf } from '../catalog/section-kit.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { assetsIn } from '../writers/offline.ts';
import type { WrittenSite } from '../writers/written-site.ts';

/**
 * What a build did with the founder's media, as `generate` warnings: no upload
 * is dropped silently. One warning lists the images without a description
 * (used only as decoration, never in a gallery) with the command to describe
 * them, and any drafted descriptions waiting for confirmation; another lists
 * every file the site does not show, each with the reason.
 */
export interface MediaReportInput {
  bundle: DnaBundle;
  written: WrittenSite;
  /** The founder in the database (slug), or null for a bundle file. */
  founder: string | null;
  /** Drafted descriptions waiting for confirmation, and why drafting failed, by asset id. */
  drafts?: { waiting: ReadonlyMap<string, string>; failed: ReadonlyMap<string, string> } | undefined;
}

type Item = DnaBundle['media'][number] & { asset: string; index: number; label: string };

const DESCRIBED_CATEGORIES = new Set(['photo', 'team', 'product']);

export function mediaReport(input: MediaReportInput): string[] {
  const { bundle, written, founder } = input;
  const items: Item[] = bundle.media.map((m, index) => {
    const asset = m.id ?? `bundle-${index}`;
    const file = m.file ?? m.path;
    const name = m.asset_name?.trim() || (file ? basename(file) : asset);
    const label = founder ? `${name} (${asset})` : `media_assets.${index} (${name})`;
    return { ...m, asset, index, label };
  });
  const drafts = written.all.filter((s) => s.status === 'draft');
  const used = new Set(drafts.flatMap((s) => assetsIn(s.content)));
  const warnings: string[] = [];

  const undescribed = items.filter(
    (m) => DESCRIBED_CATEGORIES.has(m.asset_category) && !m.description?.trim(),
  );
  if (undescribed.length) {
    const photos = undescribed.every((m) => m.asset_category === 'photo') ? 'photos' : 'images';
    const one = undescribed.length === 1;
    const how = founder
      ? `Describe ${one ? 'it' : 'each'} in your own words: dreamseed files describe ID "what it shows" --user ${founder}.`
      : `Describe ${one ? 'it' : 'each'} in the bundle: media_assets.N.description.`;
    const waiting = undescribed.filter((m) => input.drafts?.waiting.has(m.asset));
    const failed = undescribed.filter((m) => input.drafts?.failed.has(m.asset));
    const parts = [
      `${one ? `1 ${photos.slice(0, -1)} has` : `${undescribed.length} ${photos} have`} no description, so ${one ? 'it is' : 'they are'} shown only as decoration (alt="", as a hero background) and never in a gallery: ${undescribed.map((m) => m.label).join(', ')}.`,
      how,
    ];
    if (waiting.length)
      parts.push(
        `AI-drafted descriptions wait for your confirmation for ${waiting.map((m) => m.label).join(', ')}: see a draft with dreamseed files describe ID, and use it with --confirm. A draft is never shown on the site until you confirm it.`,
      );
    for (const m of failed) parts.push(`No draft for ${m.label}: ${input.drafts!.failed.get(m.asset)}.`);
    warnings.push(parts.join(' '));
  }

  const types = new Set(written.all.map((s) => s.type));
  const drafted = new Set(drafts.map((s) => s.type));
  const unused = items.filter((m) => !used.has(m.asset));
  if (unused.length)
    warnings.push(
      `Not shown on the site: ${unused.map((m) => `${m.label}: ${whyUnused(m, { types, drafted, items, used })}`).join('; ')}.`,
    );
  return warnings;
}

function whyUnused(
  m: Item,
  site: { types: Set<string>; drafted: Set<string>; items: Item[]; used: Set<string> },
): string {
  const described = Boolean(m.description?.trim());
  const shape = shapeOf(m);
  switch (m.asset_category) {
    case 'document':
      return 'documents are not shown on websites';
    case 'logo':
      return 'the header shows one logo, the primary one';
    case 'team':
      if (!site.types.has('about')) return 'this template has no About section for a team photo';
      if (!site.drafted.has('about')) return "the About section needs the founder's story first";
      if (!described) return 'a team photo needs a description';
      if (shape === 'landscape')
        return 'a landscape photo: the About portrait frame takes portrait or square ones';
      return 'the About section shows one team photo';
    default: {
      const wideHero = shape === 'portrait' ? 'a portrait photo does not fit the wide hero' : null;
      const heroTaken = site.items.some(
        (o) => o !== m && site.used.has(o.asset) && o.asset_category === 'photo',
      );
      if (!described)
        return [
          wideHero ?? (heroTaken ? 'the hero already shows a photo' : null),
          'a gallery needs a description',
        ]
          .filter(Boolean)
          .join(', and ');
      if (!site.types.has('gallery'))
        return [wideHero, 'this template has no gallery'].filter(Boolean).join(', and ');
      if (!site.drafted.has('gallery')) return 'a gallery needs at least two described images';
      return 'the gallery shows at most twelve images';
    }
  }
}
