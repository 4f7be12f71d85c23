import { type DnaBundle, factFields } from '../dna/schema.ts';

/**
 * JSON-LD that parses and states only DNA facts. Every value in every
 * `application/ld+json` block must be one of: schema.org structure (`@context`,
 * `@type`), a URL on the site's own origin (or the founder's website_url), or a
 * value the founder's Dream DNA holds (a fact field, or a number from one, as
 * text). Anything else was invented and is reported with its path.
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
  // The column default (supabase: currency text default 'USD') is what a row without a currency holds.
  if (!bundle.truth.currency) facts.add('USD');
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
    }
  }
  return report;
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
