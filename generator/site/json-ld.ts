import { priceTerms, type Service, unitOfMeasure } from '../catalog/price-terms.ts';
import type { DnaBundle, FactField } from '../dna/schema.ts';
import { knownClassification } from '../dna/vocabulary.ts';
import { settledFact } from './settled-facts.ts';

/**
 * The home page's schema.org JSON-LD: the LocalBusiness / Organization subtype
 * that fits the industry, with only the settled facts the DNA holds
 * (`settled-facts.ts`) and offers priced as the page prices them.
 */
export function schemaTypeFor(bundle: DnaBundle): string {
  const known = knownClassification(bundle);
  const v = known.industry_vertical;
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
  if (v === 'nonprofit_community' || known.business_model_type === 'nonprofit') return 'NGO';
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
  // Only settled facts: the metadata is not part of the founder's approval of the copy.
  const fact = <F extends FactField>(field: F) => settledFact(bundle, field);
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': schemaTypeFor(bundle),
    name,
    url,
  };
  const description = fact('primary_service');
  if (description) data.description = description;
  const tagline = fact('tagline');
  if (tagline) data.slogan = tagline;
  const phone = fact('contact_phone');
  if (phone) data.telephone = phone;
  const email = fact('contact_email');
  if (email) data.email = email;
  if (logoUrl) data.logo = logoUrl;
  const [city, region, country] = [fact('location_city'), fact('location_region'), fact('location_country')];
  if (city || region || country) {
    const address: Record<string, string> = { '@type': 'PostalAddress' };
    if (city) address.addressLocality = city;
    if (region) address.addressRegion = region;
    if (country) address.addressCountry = country;
    data.address = address;
  }
  const area = fact('service_area');
  if (area) data.areaServed = area;
  const founder = fact('founder_name');
  if (founder) data.founder = { '@type': 'Person', name: founder };
  const founded = fact('founded_year');
  if (founded) data.foundingDate = String(founded);
  const website = fact('website_url');
  if (website) data.sameAs = [website];
  // A price without its currency says less than the page does: without one, no offers are stated.
  const currency = bundle.truth.currency;
  const offers = currency
    ? (fact('services') ?? []).flatMap((s) => {
        const offer = offerOf(s, currency);
        return offer ? [offer] : [];
      })
    : [];
  if (offers.length) data.makesOffer = offers;
  return data;
}

/**
 * A service with a price as a schema.org Offer that says what the page says
 * (`priceTerms`, as the services section reads it): an exact `price` only for
 * an exact price; a starting price as a PriceSpecification `minPrice`; a price
 * per unit as a UnitPriceSpecification with its `unitText`. Always with its
 * currency. Undefined for a service without a price.
 */
export function offerOf(service: Service, currency: string): Record<string, unknown> | undefined {
  const terms = priceTerms(service);
  if (!terms) return undefined;
  const amount = String(terms.amount);
  const offer: Record<string, unknown> = { '@type': 'Offer', name: service.name, priceCurrency: currency };
  if (!terms.from && !terms.perUnit) return { ...offer, price: amount };
  const spec: Record<string, unknown> = {
    '@type': terms.perUnit ? 'UnitPriceSpecification' : 'PriceSpecification',
    priceCurrency: currency,
  };
  if (terms.from) spec.minPrice = amount;
  else spec.price = amount;
  if (terms.perUnit && terms.unit) spec.unitText = unitOfMeasure(terms.unit);
  return { ...offer, priceSpecification: spec };
}
