import type { DnaBundle, Vertical } from '../dna/schema.ts';

/**
 * For founders with no `dream_dna_type` yet: a plain keyword guess at the
 * industry from what they said (business type, industry category, primary
 * service). Used only to pick a sensible template, and reported as a guess.
 */
const KEYWORDS: [Vertical, RegExp][] = [
  ['food_beverage', /\b(bak(e|ery|ing)|bread|caf[eé]|coffee|restaurant|food|cater|pastr|kitchen|brew)/i],
  ['legal', /\b(law|legal|attorney|lawyer|solicitor|notary|divorce|custody)/i],
  ['health_wellness', /\b(yoga|wellness|therap|massage|meditat|nutrition|health|clinic|counsel+ing)/i],
  ['fitness', /\b(fitness|gym|personal train|pilates|crossfit)/i],
  ['trades', /\b(plumb|electric|hvac|roof|carpent|builder|construct|handyman|repair|install)/i],
  ['home_services', /\b(clean|garden|landscap|mov(ing|ers)|pest|home service)/i],
  ['technology', /\b(software|saas|app|developer|web|cloud|data|tech|it consult)/i],
  ['consulting', /\b(consult|advis|coach|strategy)/i],
  ['photography', /\b(photo|wedding film|videograph)/i],
  ['creative_media', /\b(design|studio|illustrat|brand|art|music|film)/i],
  ['pet_services', /\b(dog|pet|groom|cat|vet|kennel)/i],
  ['nonprofit_community', /\b(food bank|nonprofit|non-profit|charity|volunteer|community|pantry)/i],
  ['beauty', /\b(hair|salon|nail|beauty|barber|spa)/i],
  ['retail', /\b(shop|store|boutique|retail)/i],
  ['education', /\b(tutor|school|class|course|lesson|teach)/i],
  ['events', /\b(event|wedding plan|party)/i],
];

export function guessVertical(bundle: DnaBundle): Vertical | undefined {
  const text = [
    bundle.user.business_type,
    bundle.truth.industry_category,
    bundle.truth.primary_service,
    bundle.truth.business_name,
  ]
    .filter(Boolean)
    .join(' ');
  if (!text) return undefined;
  return KEYWORDS.find(([, re]) => re.test(text))?.[0];
}
