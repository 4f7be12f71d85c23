import type { Archetype, ModelType, Vertical } from '../../dna/schema.ts';

/**
 * Brand voices: how copy sounds for each `dream_dna_type.business_archetype`.
 * Our own words (never founder text), rendered into the system prompt by
 * partials/brand-voice.hbs.
 */
export const voices: Record<Archetype, string> = {
  caregiver:
    'Warm, reassuring and patient. Speak to the reader’s worries with kindness, promise only the care the facts describe, and keep sentences gentle and clear.',
  creator:
    'Imaginative and crafted. Let the making show through concrete detail from the facts; confident, never showy.',
  everyman:
    'Friendly, down to earth and plain-spoken, like a neighbour talking across the counter. Short words, no jargon, no hype.',
  explorer:
    'Open, adventurous and free-spirited. Invite the reader somewhere new, with vivid but honest detail from the facts.',
  hero: 'Direct, capable and dependable. Lead with what gets done, in active verbs and short sentences; calm urgency, no bravado.',
  innocent:
    'Simple, calm and optimistic. Gentle, uncluttered sentences that make starting feel easy; never pushy.',
  jester:
    'Light, playful and good-humoured, while staying clear and kind. A smile in the wording, never at the reader’s expense.',
  lover:
    'Intimate, sensory and heartfelt. Unhurried sentences about feeling and moments, grounded in what the facts say.',
  magician:
    'Insightful and quietly transformative. Explain the change the business makes in plain, precise language; no buzzwords.',
  outlaw: 'Bold, candid and a little rebellious. Say plainly what the business refuses to do the usual way.',
  ruler:
    'Composed, authoritative and orderly. Precise, measured sentences that convey control and reliability.',
  sage: 'Knowledgeable, clear and trustworthy. Explain plainly, respect the reader’s intelligence, and avoid dramatics.',
};

export const verticalNames: Record<Vertical, string> = {
  food_beverage: 'food and drink',
  retail: 'retail',
  legal: 'legal services',
  financial: 'financial services',
  health_wellness: 'health and wellness',
  fitness: 'fitness',
  beauty: 'beauty',
  home_services: 'home services',
  trades: 'the trades',
  technology: 'technology',
  consulting: 'consulting',
  creative_media: 'creative media',
  photography: 'photography',
  events: 'events',
  education: 'education',
  pet_services: 'pet care',
  nonprofit_community: 'a non-profit community service',
  hospitality: 'hospitality',
  real_estate: 'real estate',
  automotive: 'automotive services',
};

export const audienceOf: Record<ModelType, string> = {
  b2c_service: 'people buying a service for themselves or their family',
  b2c_product: 'people buying products for themselves',
  b2b_service: 'businesses buying a professional service',
  b2b_saas: 'businesses buying software',
  marketplace: 'people on both sides of a marketplace',
  nonprofit: 'neighbours who need help, and people who want to help',
  hybrid: 'both individuals and businesses',
};

/** The text the brand-voice partial renders: our words only, chosen by the classification's enum values. */
export function voiceOf(
  type: {
    business_archetype?: Archetype | null;
    secondary_archetype?: Archetype | null;
    industry_vertical?: Vertical | null;
    business_model_type?: ModelType | null;
  } | null,
): {
  primary: string;
  secondary: string | null;
  secondaryName: string | null;
  vertical: string | null;
  audience: string | null;
} {
  const primary = type?.business_archetype ? voices[type.business_archetype] : voices.everyman;
  const secondary =
    type?.secondary_archetype && type.secondary_archetype !== type.business_archetype
      ? voices[type.secondary_archetype]
      : null;
  return {
    primary,
    secondary,
    secondaryName: secondary ? type!.secondary_archetype! : null,
    vertical: type?.industry_vertical ? verticalNames[type.industry_vertical] : null,
    audience: type?.business_model_type ? audienceOf[type.business_model_type] : null,
  };
}
