import { priceTerms, type Service, unitOfMeasure } from '../../catalog/price-terms.ts';
import { type DnaBundle, factFields } from '../../dna/schema.ts';
import { defineCheck, finding } from '../check.ts';

/**
 * JSON-LD that parses and states only DNA facts. Every value in every
 * `application/ld+json` block must be one of: schema.org structure (`@context`,
 * `@type`), a URL on the site's own origin (or the founder's website_url), or a
 * value the founder's Dream DNA holds (a fact field, or a number from one, as
 * text, or a service's unit of measure as `priceTerms` reads it). Anything else
 * was invented and is reported with its path. An Offer that names a DNA service
 * must also state its price as the DNA does (`offerProblems`): an exact price
 * only for an exact one, a starting price as `minPrice`, a rate with its unit.
 */
export interface JsonLdProblem {
  page: string;
  path: string;
  value: string;
  reason: string;
}

export interface JsonLdReport {
  blocks: number;
  /** Blocks that do not parse or lack @context / @type. */
  invalid: JsonLdProblem[];
  /** Values the DNA does not hold. */
  invented: JsonLdProblem[];
  /** False when no DNA was available to compare with (the facts were not checked). */
  dna_checked: boolean;
}

const URL_KEYS = new Set(['url', 'logo', 'image', '@id', 'sameAs', 'item', 'contentUrl', 'thumbnailUrl']);

export function dnaFacts(bundle: DnaBundle): Set<string> {
  const facts = new Set<string>();
  const add = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string') facts.add(normalize(value));
    else if (typeof value === 'number') facts.add(String(value));
    else if (Array.isArray(value)) for (const v of value) add(v);
    else if (typeof value === 'object') for (const v of Object.values(value)) add(v);
  };
  for (const field of factFields) add(bundle.truth[field]);
  add(bundle.user.business_name);
  // A rate's unit as schema.org's unitText holds it ("per hour" → "hour").
  for (const service of bundle.truth.services ?? []) {
    const terms = priceTerms(service);
    if (terms?.perUnit && terms.unit) facts.add(normalize(unitOfMeasure(terms.unit)));
  }
  return facts;
}

export function checkJsonLd(
  blocks: { page: string; text: string }[],
  options: { bundle: DnaBundle | null; siteOrigins: string[] },
): JsonLdReport {
  const report: JsonLdReport = {
    blocks: blocks.length,
    invalid: [],
    invented: [],
    dna_checked: !!options.bundle,
  };
  const facts = options.bundle ? dnaFacts(options.bundle) : null;
  const websiteUrl = options.bundle?.truth.website_url ?? null;
  const ownUrl = (value: string) => {
    try {
      const origin = new URL(value).origin;
      return options.siteOrigins.includes(origin) || (websiteUrl !== null && sameUrl(value, websiteUrl));
    } catch {
      return false;
    }
  };
  for (const { page, text } of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      report.invalid.push({
        page,
        path: '$',
        value: text.slice(0, 80),
        reason: `does not parse: ${(error as Error).message}`,
      });
      continue;
    }
    const roots = Array.isArray(data) ? data : [data];
    for (const [i, root] of roots.entries()) {
      const base = Array.isArray(data) ? `$[${i}]` : '$';
      if (!root || typeof root !== 'object' || Array.isArray(root)) {
        report.invalid.push({ page, path: base, value: String(root), reason: 'is not a JSON-LD object' });
        continue;
      }
      const r = root as Record<string, unknown>;
      if (typeof r['@context'] !== 'string' || !/^https?:\/\/schema\.org\/?$/.test(r['@context'])) {
        report.invalid.push({
          page,
          path: `${base}.@context`,
          value: String(r['@context']),
          reason: 'must be https://schema.org',
        });
      }
      if (typeof r['@type'] !== 'string') {
        report.invalid.push({
          page,
          path: `${base}.@type`,
          value: String(r['@type']),
          reason: 'needs a schema.org type',
        });
      }
      walk(r, base, (path, key, value) => {
        if (key === '@context') return;
        if (key === '@type') {
          if (typeof value !== 'string' || !/^[A-Z][A-Za-z]+$/.test(value)) {
            report.invalid.push({
              page,
              path,
              value: String(value),
              reason: 'is not a schema.org type name',
            });
          }
          return;
        }
        if (typeof value === 'boolean') return;
        const text = String(value);
        if (URL_KEYS.has(key) || /^https?:\/\//.test(text)) {
          if (!ownUrl(text)) {
            report.invented.push({
              page,
              path,
              value: text,
              reason: "is a URL outside the site and the founder's website_url",
            });
          }
          return;
        }
        if (facts && !facts.has(normalize(text))) {
          report.invented.push({ page, path, value: text, reason: 'is not in the Dream DNA' });
        }
      });
      if (options.bundle) {
        const services = options.bundle.truth.services ?? [];
        for (const { kind, ...problem } of offerProblems(r, base, services))
          report[kind].push({ page, ...problem });
      }
    }
  }
  return report;
}

export default defineCheck({
  id: 'jsonld',
  title: 'JSON-LD',
  order: 50,
  needs: ['visits', 'bundle'],
  kinds: {
    invalid: { plural: 'JSON-LD problems' },
    invented: { plural: 'invented JSON-LD values' },
    'facts-unchecked': { plural: 'unchecked JSON-LD facts' },
  },
  run({ visits, bundle }) {
    const mobile = visits.filter((v) => v.viewport === 'mobile');
    const canonical = mobile.find((v) => v.path === '/')?.canonical;
    const jsonld = checkJsonLd(
      mobile.flatMap((v) => v.jsonLd.map((text) => ({ page: v.path, text }))),
      { bundle, siteOrigins: originOf(canonical) },
    );
    return {
      findings: [
        ...jsonld.invalid.map((j) =>
          finding('invalid', j.page, `JSON-LD on ${j.page}: ${j.path} ${j.reason}`),
        ),
        ...jsonld.invented.map((j) =>
          finding('invented', j.page, `JSON-LD on ${j.page}: ${j.path} = "${j.value}" ${j.reason}`),
        ),
        ...(jsonld.dna_checked
          ? []
          : [
              finding('facts-unchecked', null, 'The JSON-LD facts were not checked: no Dream DNA was given', {
                severity: 'warning',
                hint: 'Score with the founder (--user) or their DNA bundle (--dna).',
              }),
            ]),
      ],
      lines: [
        {
          pass: !jsonld.invalid.length && !jsonld.invented.length,
          text: `JSON-LD: ${jsonld.blocks} blocks, ${jsonld.invalid.length} invalid, ${jsonld.invented.length} values not in the DNA${jsonld.dna_checked ? '' : ' (facts NOT checked: no DNA; pass --user or --dna)'}`,
        },
      ],
      data: jsonld,
    };
  },
});

function originOf(url: string | null | undefined): string[] {
  try {
    return url ? [new URL(url).origin] : [];
  } catch {
    return [];
  }
}

/** A problem with an offer: `invented` states a price the DNA does not, `invalid` lacks what a price needs. */
export interface OfferProblem extends Omit<JsonLdProblem, 'page'> {
  kind: 'invented' | 'invalid';
}

/**
 * Offers (anywhere in the block) that name a DNA service but state its price
 * otherwise than the DNA: an exact price for a starting price or the reverse,
 * another amount, a rate without its unit, a unit the price does not have, a
 * price for a service the founder gave none for, or a price without currency.
 */
export function offerProblems(root: unknown, base: string, services: Service[]): OfferProblem[] {
  const out: OfferProblem[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${path}[${i}]`);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(node)) visit(v, `${path}.${k}`);
    if (node['@type'] !== 'Offer' || typeof node.name !== 'string') return;
    const service = services.find((s) => normalize(s.name) === normalize(node.name as string));
    if (service) out.push(...offerMismatches(node, path, service));
  };
  visit(root, base);
  return out;
}

function offerMismatches(offer: Record<string, unknown>, path: string, service: Service): OfferProblem[] {
  const raw = offer.priceSpecification;
  const first: unknown = Array.isArray(raw) ? raw[0] : raw;
  const spec = first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
  const exact = offer.price ?? spec.price;
  const min = offer.minPrice ?? spec.minPrice;
  const unit = spec.unitText ?? spec.unitCode ?? offer.unitText;
  const stated = exact ?? min;
  if (stated === undefined) return []; // no price stated: nothing to compare
  const out: OfferProblem[] = [];
  const specPath = `${path}.priceSpecification${Array.isArray(raw) ? '[0]' : ''}`;
  const at = (...keys: string[]) => {
    const key = keys.find((k) => offer[k] !== undefined || spec[k] !== undefined) ?? keys[0]!;
    return offer[key] !== undefined ? `${path}.${key}` : `${specPath}.${key}`;
  };
  const invented = (where: string, value: unknown, reason: string) =>
    out.push({ kind: 'invented', path: where, value: String(value), reason });
  const terms = priceTerms(service);
  if (!terms) {
    invented(at('price', 'minPrice'), stated, `gives a price for "${service.name}"; the Dream DNA has none`);
    return out;
  }
  const said = service.unit ? ` ("${service.unit}")` : '';
  if (terms.from && exact !== undefined)
    invented(at('price'), exact, `states an exact price; the Dream DNA gives a starting price${said}`);
  if (!terms.from && min !== undefined)
    invented(at('minPrice'), min, 'states a starting price; the Dream DNA gives an exact one');
  for (const [key, amount] of [
    ['price', exact],
    ['minPrice', min],
  ] as const)
    if (amount !== undefined && Number(amount) !== terms.amount)
      invented(at(key), amount, `is not the Dream DNA's price for "${service.name}" (${terms.amount})`);
  if (terms.perUnit && unit === undefined)
    invented(
      at('price', 'minPrice'),
      stated,
      `states a price without its unit; the Dream DNA gives a rate${said}`,
    );
  if (!terms.perUnit && unit !== undefined)
    invented(
      at('unitText', 'unitCode'),
      unit,
      'states a price per unit; the Dream DNA price is not per unit',
    );
  if (typeof offer.priceCurrency !== 'string' && typeof spec.priceCurrency !== 'string')
    out.push({
      kind: 'invalid',
      path: `${path}.priceCurrency`,
      value: '',
      reason: 'is missing: a price needs its currency',
    });
  return out;
}

function walk(
  value: unknown,
  path: string,
  visit: (path: string, key: string, value: string | number | boolean) => void,
  key = '',
): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, visit, key);
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, visit, k);
    return;
  }
  visit(path, key, value as string | number | boolean);
}

function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function sameUrl(a: string, b: string): boolean {
  const strip = (u: string) => u.replace(/\/+$/, '');
  return strip(a) === strip(b);
}
