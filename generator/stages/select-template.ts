import type { TemplateDefinition } from '../catalog/define-template.ts';
import type { Catalog } from '../catalog/registry.ts';
import { scoreNames } from '../dna/personality-scores.ts';
import type { DnaBundle, Vertical } from '../dna/schema.ts';
import { describeReading, guessVertical, type LabelReading, readClassification } from '../dna/vocabulary.ts';
import { errors } from '../errors.ts';

/**
 * Scores every template against the founder's `dream_dna_type` and picks the
 * best, explaining the score. Deterministic: ties go to the template id that
 * sorts first. `--template` and `dream_dna_type.preferred_template_id` override.
 * A classifier label the catalogue does not know is read as the nearest known
 * value (`dna/vocabulary.ts`), and the reason says how.
 */
export interface MatchReason {
  attribute: string;
  /** The DNA's value exactly as given. */
  value: string | number;
  weight: number;
  matched: boolean;
  /** For a label the catalogue does not know as given: the known value it was read as (null: none fits). */
  read_as?: string | null;
  /** How that label was read, in words ("`boutique_fitness` read as `fitness` (by the word "fitness")"). */
  reading?: string;
}

export interface TemplateChoice {
  id: string;
  score: number;
  reasons: MatchReason[];
  /** How the choice was made. */
  basis: 'override' | 'preferred' | 'type' | 'fallback';
  note: string;
  ranking: { id: string; score: number }[];
}

/** The general-purpose template used when nothing about the business matches any template. */
export const DEFAULT_TEMPLATE = 'professional';

export const WEIGHTS = {
  category: 40,
  vertical: 25,
  archetype: 15,
  secondaryArchetype: 6,
  modelType: 10,
  score: 4,
} as const;

export function scoreTemplate(
  template: TemplateDefinition,
  bundle: DnaBundle,
  fallbackVertical?: Vertical,
): MatchReason[] {
  const t = bundle.type;
  const s = template.suits;
  const read = readClassification(bundle);
  const reasons: MatchReason[] = [];
  const add = (
    attribute: string,
    value: string | number | null | undefined,
    weight: number,
    matched: boolean,
    reading?: LabelReading | null,
  ) => {
    if (value === null || value === undefined) return;
    const reason: MatchReason = { attribute, value, weight: matched ? weight : 0, matched };
    if (reading && reading.how !== 'exact') {
      reason.read_as = reading.known;
      reason.reading = describeReading(reading);
    }
    reasons.push(reason);
  };
  add(
    'template_category',
    t?.template_category,
    WEIGHTS.category,
    !!t?.template_category && !!s.categories?.includes(t.template_category),
  );
  const vertical = read.industry_vertical?.known ?? (read.industry_vertical ? undefined : fallbackVertical);
  add(
    t?.industry_vertical ? 'industry_vertical' : 'industry_category (keywords)',
    t?.industry_vertical ?? fallbackVertical,
    WEIGHTS.vertical,
    !!vertical && !!s.verticals?.includes(vertical),
    read.industry_vertical,
  );
  const archetype = read.business_archetype?.known;
  add(
    'business_archetype',
    t?.business_archetype,
    WEIGHTS.archetype,
    !!archetype && !!s.archetypes?.includes(archetype),
    read.business_archetype,
  );
  const secondary = read.secondary_archetype?.known;
  add(
    'secondary_archetype',
    t?.secondary_archetype,
    WEIGHTS.secondaryArchetype,
    !!secondary && !!s.archetypes?.includes(secondary),
    read.secondary_archetype,
  );
  const model = read.business_model_type?.known;
  add(
    'business_model_type',
    t?.business_model_type,
    WEIGHTS.modelType,
    !!model && !!s.modelTypes?.includes(model),
    read.business_model_type,
  );
  for (const name of scoreNames) {
    const value = t?.[name];
    const range = s.scores?.[name];
    if (value === null || value === undefined || !range) continue;
    add(name, value, WEIGHTS.score, value >= range[0] && value <= range[1]);
  }
  return reasons;
}

/** The readings of labels the catalogue did not know as given, in words (for the choice's note). */
function readingsNote(bundle: DnaBundle): string {
  const lines = Object.values(readClassification(bundle))
    .filter((r): r is LabelReading => !!r && r.how !== 'exact')
    .map(describeReading);
  return lines.map((l) => ` ${l}.`).join('');
}

export function selectTemplate(catalog: Catalog, bundle: DnaBundle, override?: string): TemplateChoice {
  const templates = [...catalog.templates.values()].sort((a, b) => a.id.localeCompare(b.id));
  if (templates.length === 0)
    throw errors.invalidInput(
      'The template catalogue',
      ['no templates found'],
      'Add a template under templates/.',
    );
  const fallbackVertical = bundle.type?.industry_vertical ? undefined : guessVertical(bundle);
  const readings = readingsNote(bundle);
  const scored = templates
    .map((tpl) => {
      const reasons = scoreTemplate(tpl, bundle, fallbackVertical);
      return { id: tpl.id, reasons, score: reasons.reduce((sum, r) => sum + r.weight, 0) };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const ranking = scored.map(({ id, score }) => ({ id, score }));

  const pick = (id: string, basis: TemplateChoice['basis'], note: string): TemplateChoice => {
    const hit = scored.find((s) => s.id === id)!;
    return { id, score: hit.score, reasons: hit.reasons, basis, note, ranking };
  };

  if (override) {
    if (!catalog.templates.has(override)) {
      throw errors.usage(
        `--template ${override}: no such template.`,
        `Choose one of: ${templates.map((t) => t.id).join(', ')}.`,
      );
    }
    return pick(override, 'override', `Template ${override} was chosen with --template.`);
  }
  const preferred = bundle.type?.preferred_template_id;
  if (preferred && catalog.templates.has(preferred)) {
    return pick(
      preferred,
      'preferred',
      `The founder's DNA type names ${preferred} as the preferred template.`,
    );
  }
  const best = scored[0]!;
  const general = catalog.templates.has(DEFAULT_TEMPLATE) ? DEFAULT_TEMPLATE : best.id;
  if (best.score === 0) {
    return pick(
      general,
      'fallback',
      bundle.type
        ? `No template matched this business type; ${general} is the general-purpose default.${readings}`
        : `No business type yet and no industry could be inferred; ${general} is the general-purpose default.`,
    );
  }
  if (!bundle.type) {
    return pick(
      best.id,
      'fallback',
      `No business type yet; the industry "${fallbackVertical}" was inferred from the business description, and ${best.id} suits it best.`,
    );
  }
  return pick(best.id, 'type', `${best.id} matched the business type best (score ${best.score}).${readings}`);
}
