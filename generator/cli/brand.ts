import { type ContrastResult, contrastReport } from '../brand/contrast-pairs.ts';
import { type StoredPaletteOption, storedPaletteOptions, storePaletteChoice } from '../brand/record-brand.ts';
import type { Queryable } from '../db/database.ts';
import { asService } from '../db/roles.ts';
import { findWebsite, type Website } from '../deploy/deployments.ts';
import { errors } from '../errors.ts';
import { type JsonFlag, printResult } from './json-output.ts';
import { info, paint, printLine, swatch } from './output.ts';
import { parsePaletteIndex } from './palette-index.ts';
import { withDb } from './with-db.ts';

/**
 * `dreamseed brand …` (declared in commands/brand.ts). The options are the ones
 * the founder's latest build offered (stored on `generated_websites`), so the
 * number a founder picks is the one the next build reads. `choose` stores the
 * pick without building: the next `generate` (or publish of a new build) uses
 * it and keeps it; `generate --palette N` picks and builds in one go.
 */
interface BrandFlags extends JsonFlag {
  user: string;
}

export interface PaletteListing {
  founder: { id: string; slug: string };
  selected: number;
  options: (StoredPaletteOption & {
    selected: boolean;
    contrast: { passes: boolean; failures: number; pairs: ContrastResult[] };
  })[];
}

/** The roles shown in the human listing, in this order (the JSON has every role). */
const SHOWN_ROLES = ['primary', 'accent', 'bg', 'surface', 'text', 'link'] as const;

/** `dreamseed brand palettes --user ID`. */
export async function palettes(flags: BrandFlags): Promise<void> {
  const listing = await withDb((db) => asService(db, (tx) => paletteListing(tx, flags.user)));
  printResult(flags, listing, printListing);
}

/** `dreamseed brand choose --user ID N`. */
export async function choose(n: string, flags: BrandFlags): Promise<void> {
  const index = parsePaletteIndex(n, 'N (the option number)', flags.user);
  const listing = await withDb((db) =>
    asService(db, async (tx) => {
      const website = await findWebsite(tx, flags.user);
      const before = await optionsOf(tx, website);
      if (index >= before.options.length)
        throw errors.usage(
          `There is no palette option ${index} for ${website.slug}: the options are 0 to ${before.options.length - 1}.`,
          `See them with: dreamseed brand palettes --user ${flags.user}`,
        );
      await storePaletteChoice(tx, website.id, index);
      return paletteListing(tx, flags.user);
    }),
  );
  const chosen = listing.options[listing.selected]!;
  printResult(flags, { founder: listing.founder, selected: listing.selected, option: chosen }, () => {
    info(
      `${paint('green', '✓')} ${listing.founder.slug} keeps palette option ${chosen.index}: ${chosen.label}.`,
    );
    info(`The next build uses it: dreamseed generate --user ${listing.founder.slug}`);
  });
}

async function paletteListing(tx: Queryable, user: string): Promise<PaletteListing> {
  const website = await findWebsite(tx, user);
  const { options, selected } = await optionsOf(tx, website);
  return {
    founder: { id: website.userId, slug: website.slug },
    selected,
    options: options.map((o) => {
      const pairs = contrastReport(o.roles);
      const failures = pairs.filter((p) => !p.pass).length;
      return { ...o, selected: o.index === selected, contrast: { passes: failures === 0, failures, pairs } };
    }),
  };
}

async function optionsOf(tx: Queryable, website: Website) {
  const stored = await storedPaletteOptions(tx, website.id);
  if (!stored)
    throw errors.usage(
      `${website.slug} has no palette options yet: a build makes them (from the logo and photos, or the business's archetype).`,
      `Build the site first: dreamseed generate --user ${website.slug}`,
    );
  return stored;
}

function printListing(listing: PaletteListing): void {
  for (const o of listing.options) {
    const mark = o.selected ? paint('green', '●', process.stdout) : ' ';
    const contrast = o.contrast.passes
      ? paint('green', `✓ all ${o.contrast.pairs.length} contrast pairs pass`, process.stdout)
      : paint(
          'red',
          `✗ ${o.contrast.failures} of ${o.contrast.pairs.length} contrast pairs fail`,
          process.stdout,
        );
    printLine(`${mark} ${o.index}  ${paint('bold', o.label, process.stdout)} — ${sourceOf(o)}  ${contrast}`);
    printLine(
      `     ${SHOWN_ROLES.map((role) => `${role} ${swatch(o.roles[role])}${o.roles[role]}`).join('  ')}`,
    );
    const weakest = [...o.contrast.pairs].sort((a, b) => a.ratio / a.required - b.ratio / b.required)[0];
    if (weakest)
      printLine(
        paint(
          'dim',
          `     closest pair: ${weakest.fg} on ${weakest.bg} ${weakest.ratio}:1 (needs ${weakest.required}:1)`,
          process.stdout,
        ),
      );
  }
  info(
    `In use: option ${listing.selected}. Keep another with: dreamseed brand choose --user ${listing.founder.slug} N`,
  );
}

function sourceOf(o: StoredPaletteOption): string {
  const s = o.source;
  return s.kind === 'asset'
    ? `from the ${s.category}'s ${s.swatch} ${s.hex}`
    : `the ${s.archetype ?? 'neutral'} palette`;
}
