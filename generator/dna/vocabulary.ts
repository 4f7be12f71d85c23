import { foldAccents, plainWords, stem } from '../words.ts';
import {
  type Archetype,
  archetypes,
  type DnaBundle,
  type DnaType,
  type ModelType,
  modelTypes,
  type Vertical,
  verticals,
} from './schema.ts';
import {
  archetypeCues,
  type CueTable,
  JOINING_WORDS,
  modelTypeCues,
  verticalCues,
} from './vocabulary-cues.ts';

/**
 * Open vocabularies. The specification does not close the classifier's labels
 * (`business_archetype`, `secondary_archetype`, `industry_vertical`,
 * `business_model_type`, `extraction_source`): the DNA keeps whatever label it
 * was given. For matching, a label is read as a value the template catalogue
 * knows (`dna/schema.ts` lists them), in this order:
 *
 * 1. `exact`: it is one ("fitness").
 * 2. `spelling`: it is one once case, accents, spaces, punctuation and "and"
 *    are set aside ("Food & Beverage" → `food_beverage`).
 * 3. `words`: a cue word in it (`vocabulary-cues.ts`: synonyms and word stems)
 *    names one ("boutique_fitness" → `fitness` by the word "fitness").
 * 4. Industries only: the cue words of the truth's `industry_category`, then
 *    of the account's `business_type`.
 * 5. `none`: nothing fits; the label is kept but not used for matching.
 *
 * `extraction_source` is provenance, not a class: it is kept as given and
 * never read.
 */
export type ReadingHow = 'exact' | 'spelling' | 'words' | 'industry_category' | 'business_type' | 'none';

export interface LabelReading<T extends string = string> {
  /** The DNA column the label is in. */
  field: 'business_archetype' | 'secondary_archetype' | 'industry_vertical' | 'business_model_type';
  /** The label exactly as the DNA holds it. */
  raw: string;
  /** The catalogue's value it was read as, or null when nothing fits. */
  known: T | null;
  how: ReadingHow;
  /** The words that decided it ("fitness"), for `words`, `industry_category` and `business_type`. */
  cue?: string;
}

/** The words of a text for matching: no accents, lower case, no punctuation, no joining words. */
export function matchWords(text: string): string[] {
  return plainWords(foldAccents(text))
    .split(' ')
    .filter((w) => w && !JOINING_WORDS.has(w));
}

/**
 * The first table entry with a cue in the text (see `vocabulary-cues.ts`),
 * with the text's words that matched it; undefined when none has.
 */
export function findCue<T extends string>(
  table: CueTable<T>,
  text: string,
): { value: T; words: string } | undefined {
  const words = matchWords(text);
  if (!words.length) return undefined;
  for (const [value, cues] of table) {
    for (const cue of cues) {
      const at = phraseAt(words, cue.split(' '));
      if (at >= 0) return { value, words: words.slice(at, at + cue.split(' ').length).join(' ') };
    }
  }
  return undefined;
}

function phraseAt(words: string[], cue: string[]): number {
  for (let i = 0; i + cue.length <= words.length; i++) {
    if (cue.every((c, j) => wordMatches(words[i + j]!, c))) return i;
  }
  return -1;
}

/** What may follow a cue word's stem in a word that is a form of it ("services", "parties", "branding"). */
const INFLECTION = /^(s|es|ies|ing|ed|er|ers)?$/;

function wordMatches(word: string, cue: string): boolean {
  if (cue.endsWith('*')) return word.startsWith(cue.slice(0, -1));
  if (word === cue) return true;
  // The same stem is not enough: the stemmer also takes "apply" to "app" and "lawful" to "law". It leaves
  // "party" whole but takes "parties" to "parti".
  const base = stem(word);
  const same = [cue, stem(cue), stem(cue).replace(/y$/, 'i')].includes(base);
  return same && word.startsWith(base) && INFLECTION.test(word.slice(base.length));
}

function readLabel<T extends string>(
  field: LabelReading['field'],
  raw: string,
  known: readonly T[],
  cues: CueTable<T>,
  context: { industry_category?: string | null; business_type?: string | null } = {},
): LabelReading<T> {
  if ((known as readonly string[]).includes(raw)) return { field, raw, known: raw as T, how: 'exact' };
  const spelled = matchWords(raw).join('_');
  if ((known as readonly string[]).includes(spelled))
    return { field, raw, known: spelled as T, how: 'spelling' };
  const own = findCue(cues, raw);
  if (own) return { field, raw, known: own.value, how: 'words', cue: own.words };
  for (const how of ['industry_category', 'business_type'] as const) {
    const text = context[how];
    const hit = text ? findCue(cues, text) : undefined;
    if (hit) return { field, raw, known: hit.value, how, cue: hit.words };
  }
  return { field, raw, known: null, how: 'none' };
}

export function readArchetype(
  raw: string,
  field: 'business_archetype' | 'secondary_archetype' = 'business_archetype',
): LabelReading<Archetype> {
  return readLabel(field, raw, archetypes, archetypeCues);
}

export function readModelType(raw: string): LabelReading<ModelType> {
  return readLabel('business_model_type', raw, modelTypes, modelTypeCues);
}

export function readVertical(
  raw: string,
  context: { industry_category?: string | null; business_type?: string | null } = {},
): LabelReading<Vertical> {
  return readLabel('industry_vertical', raw, verticals, verticalCues, context);
}

export interface ClassificationReadings {
  business_archetype: LabelReading<Archetype> | null;
  secondary_archetype: LabelReading<Archetype> | null;
  industry_vertical: LabelReading<Vertical> | null;
  business_model_type: LabelReading<ModelType> | null;
}

/** Every label of the founder's classification, read (null where the DNA has no label). */
export function readClassification(
  bundle: Pick<DnaBundle, 'type' | 'truth' | 'user'>,
): ClassificationReadings {
  const t: DnaType | null = bundle.type;
  const context = {
    industry_category: bundle.truth.industry_category,
    business_type: bundle.user.business_type,
  };
  return {
    business_archetype: t?.business_archetype ? readArchetype(t.business_archetype) : null,
    secondary_archetype: t?.secondary_archetype
      ? readArchetype(t.secondary_archetype, 'secondary_archetype')
      : null,
    industry_vertical: t?.industry_vertical ? readVertical(t.industry_vertical, context) : null,
    business_model_type: t?.business_model_type ? readModelType(t.business_model_type) : null,
  };
}

/** The classification as the catalogue knows it: each label's reading, null where none fits. */
export interface KnownClassification {
  business_archetype: Archetype | null;
  secondary_archetype: Archetype | null;
  industry_vertical: Vertical | null;
  business_model_type: ModelType | null;
}

export function knownClassification(bundle: Pick<DnaBundle, 'type' | 'truth' | 'user'>): KnownClassification {
  const r = readClassification(bundle);
  return {
    business_archetype: r.business_archetype?.known ?? null,
    secondary_archetype: r.secondary_archetype?.known ?? null,
    industry_vertical: r.industry_vertical?.known ?? null,
    business_model_type: r.business_model_type?.known ?? null,
  };
}

/**
 * The reading in words, for template reasons and notes:
 * "`boutique_fitness` read as `fitness` (by the word "fitness")".
 */
export function describeReading(r: LabelReading): string {
  const label = `\`${r.raw}\``;
  switch (r.how) {
    case 'exact':
      return `${label} is a known ${r.field}`;
    case 'spelling':
      return `${label} read as \`${r.known}\` (the same label, spelled differently)`;
    case 'words':
      return `${label} read as \`${r.known}\` (by the word${r.cue?.includes(' ') ? 's' : ''} "${r.cue}")`;
    case 'industry_category':
    case 'business_type':
      return `${label} is not a known ${r.field}; read as \`${r.known}\` from the ${r.how.replace('_', ' ')} ("${r.cue}")`;
    case 'none':
      return `${label} is not a known ${r.field}, and no word in it${r.field === 'industry_vertical' ? ', the industry category or the business type' : ''} names one: kept as given, not used for matching`;
  }
}

/**
 * For founders with no `industry_vertical`: a guess at the industry from what
 * they said, with the industry cue words. Each field is read on its own, in
 * this order: business type, industry category, primary service, and only
 * then the business name, whose words are often a family name ("Baker &
 * Sons Plumbing" is a plumber). Used only to pick a template, and reported as
 * a guess.
 */
export function guessVertical(bundle: Pick<DnaBundle, 'truth' | 'user'>): Vertical | undefined {
  for (const text of [
    bundle.user.business_type,
    bundle.truth.industry_category,
    bundle.truth.primary_service,
    bundle.truth.business_name,
  ]) {
    const found = text ? findCue(verticalCues, text) : undefined;
    if (found) return found.value;
  }
  return undefined;
}
