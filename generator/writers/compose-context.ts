import { createHash } from 'node:crypto';
import type { ComposeContext, DnaInput, SectionDefinition } from '../catalog/define-section.ts';
import { collapse, nameWords, phrase, sentence, sentencesOf } from '../catalog/grammar.ts';
import { renderPattern } from '../catalog/patterns.ts';
import type { AssetCategory, DnaBundle, FactField } from '../dna/schema.ts';
import { knownClassification } from '../dna/vocabulary.ts';

/**
 * Builds the context a section's `compose` runs in. It exposes only the inputs
 * the section declares, records which ones were actually used (provenance), picks
 * copy patterns deterministically per business, and refuses pattern copy that
 * would repeat a sentence already on the site. The founder's own words
 * (`verbatim`) are never refused: de-duplication must not delete a fact.
 */
export interface SiteCopyState {
  /** Normalised sentences already on the site. */
  usedSentences: Set<string>;
  /** Media assets already shown by an earlier section of the site. */
  usedAssets?: Set<string>;
  pages: { href: string; label: string }[];
  /**
   * The other sections of this section's page, in order (the page plan), for
   * `statedOnPage`. Absent when the plan is not known (a section written alone).
   */
  page?: { before: readonly SectionDefinition[]; after: readonly SectionDefinition[] };
}

export interface ComposeTracking {
  used: Set<DnaInput>;
}

export function createComposeContext(
  section: SectionDefinition,
  bundle: DnaBundle,
  site: SiteCopyState,
  tracking: ComposeTracking,
  seedKey: string,
): ComposeContext {
  const declared = new Set<DnaInput>(section.reads);
  const truth = bundle.truth;
  const businessName = (truth.business_name ?? bundle.user.business_name ?? '').trim();
  // Prices are in the founder's currency, or shown as plain amounts: a currency is never assumed.
  const currency = truth.currency ?? null;
  const names = nameWords(
    businessName,
    truth.founder_name,
    truth.location_city,
    truth.location_region,
    truth.location_country,
    // The service area is a phrase, not a name: its first word is capitalised as a sentence start
    // ("Wholesale delivery within ten miles"), so only its later capitalised words count.
    truth.service_area?.replace(/^\s*\S+/, ''),
    bundle.user.customer_name,
  );

  const fact = <K extends FactField>(field: K) => {
    if (!declared.has(field)) {
      throw new Error(`Section "${section.type}" read "${field}" without declaring it in \`reads\`.`);
    }
    const value = truth[field];
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value) && value.length === 0) return undefined;
    if (typeof value === 'string' && !value.trim()) return undefined;
    tracking.used.add(field);
    return value as NonNullable<(typeof truth)[K]>;
  };

  /** The facts a pattern may name: declared, present, tracked when read. */
  const patternData = (extra: Record<string, unknown> = {}) => {
    const base: Record<string, unknown> = { business: businessName, __names: names };
    for (const input of declared) {
      if (input.includes(':')) continue;
      const value = truth[input as FactField];
      if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) continue;
      base[input] = value;
    }
    // An undefined value in `extra` leaves that fact out: patterns naming it are skipped.
    for (const [key, value] of Object.entries(extra)) {
      if (value === undefined) delete base[key];
      else base[key] = value;
    }
    return new Proxy(base, {
      get(target, key) {
        if (typeof key === 'string' && declared.has(key as DnaInput) && key in target)
          tracking.used.add(key as DnaInput);
        return Reflect.get(target, key);
      },
    });
  };

  return {
    businessName,
    fact,
    text(key, options = {}) {
      const patterns = section.patterns[key];
      if (!patterns || patterns.length === 0)
        throw new Error(`Section "${section.type}" has no copy patterns for "${key}".`);
      const start = pickIndex(`${seedKey}:${section.type}:${key}`, patterns.length);
      for (let i = 0; i < patterns.length; i++) {
        const pattern = patterns[(start + i) % patterns.length]!;
        const data = patternData(options.data);
        const before = new Set(tracking.used);
        const out = renderPattern(pattern, data);
        if (out === undefined || out.length === 0) {
          resetTo(tracking.used, before);
          continue;
        }
        if (options.max !== undefined && out.length > options.max) {
          resetTo(tracking.used, before);
          continue;
        }
        const sentences = sentencesOf(out);
        if (sentences.some((s) => site.usedSentences.has(s))) {
          resetTo(tracking.used, before);
          continue;
        }
        for (const s of sentences) site.usedSentences.add(s);
        return out;
      }
      return undefined;
    },
    media(category: AssetCategory, options: { excludeUsed?: boolean } = {}) {
      if (!declared.has(`media:${category}`)) {
        throw new Error(
          `Section "${section.type}" used media "${category}" without declaring "media:${category}".`,
        );
      }
      const items = bundle.media
        .map((m, index) => ({ m, index }))
        .filter(({ m }) => m.asset_category === category)
        .filter(({ m, index }) => !options.excludeUsed || !site.usedAssets?.has(m.id ?? `bundle-${index}`))
        .sort(
          (a, b) =>
            Number(b.m.is_primary ?? false) - Number(a.m.is_primary ?? false) ||
            (a.m.sort_order ?? 0) - (b.m.sort_order ?? 0) ||
            a.index - b.index,
        )
        .map(({ m, index }) => ({
          asset: m.id ?? `bundle-${index}`,
          alt: m.description?.trim() || null,
          width: m.width ?? null,
          height: m.height ?? null,
        }));
      if (items.length) tracking.used.add(`media:${category}`);
      return items;
    },
    pages() {
      if (!declared.has('site:pages'))
        throw new Error(`Section "${section.type}" used pages without declaring "site:pages".`);
      return site.pages;
    },
    verbatim(text, options = {}) {
      const tidy = collapse(text).replace(/\s+([,.;:!?])/g, '$1');
      const out = options.sentence ? sentence(tidy) : tidy;
      if (!out || (options.max !== undefined && out.length > options.max)) return undefined;
      // Recorded, never checked: our own copy must not repeat the founder's sentence, but the founder may.
      for (const s of sentencesOf(out)) site.usedSentences.add(s);
      return out;
    },
    statedOnPage(field, where) {
      if (!declared.has(field)) {
        throw new Error(
          `Section "${section.type}" asked about "${field}" without declaring it in \`reads\`.`,
        );
      }
      if (!holds(bundle, field)) return false;
      return (site.page?.[where] ?? []).some(
        (other) => other.states?.includes(field) && other.requires.every((input) => holds(bundle, input)),
      );
    },
    phrase(text: string) {
      return phrase(text, names);
    },
    money(amount: number) {
      if (declared.has('currency') && truth.currency) tracking.used.add('currency');
      const digits = Number.isInteger(amount) ? 0 : 2;
      return new Intl.NumberFormat('en-US', {
        ...(currency ? { style: 'currency', currency } : {}),
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(amount);
    },
  };
}

/** Whether the DNA holds an input (a non-empty fact, a media asset of the category). */
function holds(bundle: DnaBundle, input: DnaInput): boolean {
  if (input === 'site:pages') return true;
  if (input === 'type:business_archetype') return !!knownClassification(bundle).business_archetype;
  if (input.startsWith('media:')) return bundle.media.some((m) => `media:${m.asset_category}` === input);
  const value = bundle.truth[input as FactField];
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function resetTo(target: Set<DnaInput>, snapshot: Set<DnaInput>): void {
  target.clear();
  for (const v of snapshot) target.add(v);
}

/** Deterministic index in [0, n) from a key. */
export function pickIndex(key: string, n: number): number {
  const digest = createHash('sha256').update(key).digest();
  return digest.readUInt32BE(0) % n;
}
