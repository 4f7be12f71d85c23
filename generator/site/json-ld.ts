import type { DnaBundle } from '../dna/schema.ts';

/**
 * The home page's schema.org JSON-LD: the LocalBusiness / Organization subtype
 * that fits the industry, with only the facts the DNA holds.
 */
export function schemaTypeFor(bundle: DnaBundle): string {
  const v = bundle.type?.industry_vertical;
  const words =
    `${bundle.user.business_type ?? ''} ${bundle.truth.industry_category ?? ''} ${bundle.truth.primary_service ?? ''}`.toLowerCase();
  if (v === 'food_beverage')
    return /bak/.test(words)
      ? 'Bakery'
      : /caf[eé]|coffee/.test(words)
        ? 'CafeOrCoffeeShop'
        : 'FoodEstablishment';
  if (v === 'legal') return 'LegalService';
  if (v === 'trades')
    return /plumb/.test(words)
      ? 'Plumber'
      : /electric/.test(words)
        ? 'Electrician'
        : 'HomeAndConstructionBusiness';
  if (v === 'home_services') return 'HomeAndConstructionBusiness';
  if (v === 'health_wellness' || v === 'beauty') return 'HealthAndBeautyBusiness';
  if (v === 'fitness') return /yoga|pilates/.test(words) ? 'SportsActivityLocation' : 'ExerciseGym';
  if (v === 'retail') return 'Store';
  if (v === 'nonprofit_community' || bundle.type?.business_model_type === 'nonprofit') return 'NGO';
  if (v === 'education') return 'EducationalOrganization';
  if (v === 'real_estate') return 'RealEstateAgent';
  if (v === 'automotive') return 'AutomotiveBusiness';
  if (v === 'financial') return 'FinancialService';
  if (v === 'technology' || v === 'consulting' || v === 'photography' || v === 'creative_media')
    return 'ProfessionalService';
  return 'LocalBusiness';
}

export function homeJsonLd(
  bundle: DnaBundle,
  name: string,
  url: string,
  logoUrl: string | null,
): Record<string, unknown> {
  const t = bundle.truth;
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': schemaTypeFor(bundle),
    name,
    url,
  };
  if (t.primary_service) data.description = t.primary_service;
  if (t.tagline) data.slogan = t.tagline;
  if (t.contact_phone) data.telephone = t.contact_phone;
  if (t.contact_email) data.email = t.contact_email;
  if (logoUrl) data.logo = logoUrl;
  if (t.location_city || t.location_region || t.location_country) {
    const address: Record<string, string> = { '@type': 'PostalAddress' };
    if (t.location_city) address.addressLocality = t.location_city;
    if (t.location_region) address.addressRegion = t.location_region;
    if (t.location_country) address.addressCountry = t.location_country;
    data.address = address;
  }
  if (t.service_area) data.areaServed = t.service_area;
  if (t.founder_name) data.founder = { '@type': 'Person', name: t.founder_name };
  if (t.founded_year) data.foundingDate = String(t.founded_year);
  if (t.website_url) data.sameAs = [t.website_url];
  const priced = (t.services ?? []).filter((s) => typeof s.price === 'number');
  if (priced.length) {
    data.makesOffer = priced.map((s) => ({
      '@type': 'Offer',
      name: s.name,
      price: String(s.price),
      priceCurrency: t.currency ?? 'USD',
    }));
  }
  return data;
}
