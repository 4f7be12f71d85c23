import type { TemplateDefinition } from '../catalog/define-template.ts';
import type { Catalog } from '../catalog/registry.ts';
import type { DnaBundle, Vertical } from '../dna/schema.ts';
import { errors } from '../errors.ts';
import { guessVertical } from './vertical-keywords.ts';

/**
 * Scores every template against the founder's `dream_dna_type` and picks the
 * best, explaining the score. Deterministic: ties go to the template id that
 * sorts first. `--template` and `dream_dna_type.preferred_template_id` override.
 */
export interface MatchReason {
  attribute: string;
  value: string | number;
  weight: number;
  matched: boolean;
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
  const reasons: MatchReason[] = [];
  const add = (
    attribute: string,
    value: string | number | null | undefined,
    weight: number,
    matched: boolean,
  ) => {
    if (value === null || value === undefined) return;
    reasons.push({ attribute, value, weight: matched ? weight : 0, matched });
  };
  add(
    'template_category',
    t?.template_category,
    WEIGHTS.category,
    !!t?.template_category && !!s.categories?.includes(t.template_category),
  );
  const vertical = t?.industry_vertical ?? fallbackVertical;
  add(
    t?.industry_vertical ? 'industry_vertical' : 'industry_category (keywords)',
    vertical,
    WEIGHTS.vertical,
    !!vertical && !!s.verticals?.includes(vertical),
  );
  add(
    'business_archetype',
    t?.business_archetype,
    WEIGHTS.archetype,
    !!t?.business_archetype && !!s.archetypes?.includes(t.business_archetype),
  );
  add(
    'secondary_archetype',
    t?.secondary_archetype,
    WEIGHTS.secondaryArchetype,
    !!t?.secondary_archetype && !!s.archetypes?.includes(t.secondary_archetype),
  );
  add(
    'business_model_type',
    t?.business_model_type,
    WEIGHTS.modelType,
    !!t?.business_model_type && !!s.modelTypes?.includes(t.business_model_type),
  );
  for (const name of ['risk_tolerance', 'innovation_level', 'scale_ambition'] as const) {
    const value = t?.[name];
    const range = s.scores?.[name];
    if (value === null || value === undefined || !range) continue;
    add(name, value, WEIGHTS.score, value >= range[0] && value <= range[1]);
  }
  return reasons;
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
        ? `No template matched this business type; ${general} is the general-purpose default.`
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
  return pick(best.id, 'type', `${best.id} matched the business type best (score ${best.score}).`);
}
