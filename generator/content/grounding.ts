import type { DnaBundle } from '../dna/schema.ts';

/**
 * Grounding: generated copy may only state facts the DNA holds. These checks
 * find numbers, e-mail addresses, URLs, phone numbers and unearned claims in
 * content and report each one the founder's DNA does not contain. Used on every
 * writer's output before it is stored.
 */
export interface GroundingProblem {
  path: string;
  kind: 'number' | 'email' | 'url' | 'claim' | 'markup';
  value: string;
}

const CLAIMS =
  /\b(award[- ]winning|best in (town|the city|class)|#\s?1\b|number one|top[- ]rated|five[- ]star|5[- ]star|trusted by|industry[- ]leading|world[- ]class|guaranteed|certified|licensed|insured|accredited|voted)\b/gi;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')]+/gi;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const MARKUP = /<\/?[a-z][^>]*>|\[[^\]]+\]\([^)]+\)|(^|\s)(\*\*|__)[^*_]+\2|^#{1,6}\s/gim;

export function factCorpus(bundle: DnaBundle): { text: string; numbers: Set<string> } {
  const values: string[] = [bundle.user.business_name ?? '', bundle.user.customer_name ?? ''];
  const walk = (v: unknown) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') values.push(v);
    else if (typeof v === 'number') values.push(String(v), v.toFixed(2), v.toLocaleString('en-US'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object') Object.values(v).forEach(walk);
  };
  const {
    field_confidence: _fc,
    confidence_score: _cs,
    version: _v,
    created_at: _ca,
    updated_at: _ua,
    ...facts
  } = bundle.truth;
  walk(facts);
  const text = values.join('\n').toLowerCase();
  const numbers = new Set<string>();
  for (const m of text.matchAll(NUMBER)) {
    for (const n of numberForms(m[0])) numbers.add(n);
  }
  return { text, numbers };
}

function numberForms(raw: string): string[] {
  const plain = raw.replace(/,/g, '');
  const parts = raw.split(/[.,]/);
  return [raw, plain, plain.replace(/\.0+$/, ''), ...parts];
}

export function checkGrounding(
  content: unknown,
  bundle: DnaBundle,
  corpus = factCorpus(bundle),
): GroundingProblem[] {
  const problems: GroundingProblem[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') checkString(value, path, corpus, problems);
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${path}.${i}`);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // Image references are asset ids, not copy.
        if (k === 'asset') continue;
        visit(v, path ? `${path}.${k}` : k);
      }
    }
  };
  visit(content, '');
  return problems;
}

function checkString(
  s: string,
  path: string,
  corpus: { text: string; numbers: Set<string> },
  out: GroundingProblem[],
) {
  const isHref = /^(\/|tel:|mailto:|https?:)/.test(s) && !/\s/.test(s);
  if (isHref) {
    if (s.startsWith('tel:')) {
      const digits = s.slice(4).replace(/\D/g, '');
      const known = corpus.text.replace(/[^\d\n]/g, '');
      if (!known.includes(digits)) out.push({ path, kind: 'number', value: s });
    } else if (s.startsWith('mailto:')) {
      if (!corpus.text.includes(s.slice(7).toLowerCase())) out.push({ path, kind: 'email', value: s });
    } else if (/^https?:/.test(s) && !corpus.text.includes(s.toLowerCase().replace(/\/$/, ''))) {
      out.push({ path, kind: 'url', value: s });
    }
    return;
  }
  for (const m of s.matchAll(EMAIL))
    if (!corpus.text.includes(m[0].toLowerCase())) out.push({ path, kind: 'email', value: m[0] });
  const withoutEmails = s.replace(EMAIL, ' ');
  for (const m of withoutEmails.matchAll(URL_RE)) {
    if (!corpus.text.includes(m[0].toLowerCase().replace(/[.,;:]$/, '')))
      out.push({ path, kind: 'url', value: m[0] });
  }
  for (const m of withoutEmails.replace(URL_RE, ' ').matchAll(NUMBER)) {
    if (!numberForms(m[0]).some((n) => corpus.numbers.has(n)))
      out.push({ path, kind: 'number', value: m[0] });
  }
  for (const m of s.matchAll(CLAIMS))
    if (!corpus.text.includes(m[0].toLowerCase())) out.push({ path, kind: 'claim', value: m[0] });
  for (const m of s.matchAll(MARKUP)) out.push({ path, kind: 'markup', value: m[0].trim() });
}
