import type { DnaBundle } from '../dna/schema.ts';

/**
 * Grounding: generated copy may only state facts the DNA holds. These checks
 * find numbers (figures, prices, phone numbers, spelled-out quantities), e-mail
 * addresses, URLs and domains, names and places, quotations (testimonials),
 * unearned claims (awards, ratings, guarantees, offers) and markup in content,
 * and report each one the founder's DNA does not contain. Used on every
 * writer's output before it is stored.
 */
export interface GroundingProblem {
  path: string;
  kind: 'number' | 'email' | 'url' | 'claim' | 'markup' | 'name' | 'quote' | 'link';
  value: string;
}

export interface FactCorpus {
  /** Every fact, lower-cased, one per line. */
  text: string;
  numbers: Set<string>;
  /** Every word of the facts, lower-cased, without possessive endings. */
  words: Set<string>;
  /** The facts include customer testimonials (so "what customers say" is earned). */
  testimonials: boolean;
}

const CLAIMS = new RegExp(
  [
    'award[- ]winning|awards?|prize[- ]winning|prizes?|winners?|nominated',
    'best in (?:town|the city|class|the state)|#\\s?1\\b|number one|no\\. ?1\\b|top[- ]rated|highest[- ]rated',
    'five[- ]star|5[- ]star|\\d(?:\\.\\d)? stars?|rave reviews|\\d+ reviews',
    'trusted by|industry[- ]leading|world[- ]class|leading provider|voted|featured (?:in|on)|as seen (?:on|in)',
    'guaranteed|guarantees?|money[- ]back|risk[- ]free|no obligation',
    'certified|licensed|insured|bonded|accredited|endorsed|official partner',
    'free (?:consultation|quote|estimate|trial|delivery|shipping|samples?|class|session)s?|discounts?|percent off|cheapest|lowest prices?',
  ].join('|'),
  'gi',
);
const CLAIMS_BOUNDED = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${CLAIMS.source})(?![\p{L}\p{N}])`, 'giu');
/** What others say about the business: earned only by testimonials in the facts. */
const SAYING =
  /(?<![\p{L}\p{N}])(?:customers|clients|patients|students|families|parents|couples|people|everyone|neighbou?rs) (?:say|said|tell us|love|rave)(?![\p{L}\p{N}])/giu;
const SPELLED = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')]+/gi;
const DOMAIN =
  /\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|us|biz|info|app|dev|shop|store|site|online|xyz|ai|me|uk|ca|au|de|eu)\b/gi;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const SPELLED_NUMBER =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|twice|double|triple)\b/gi;
const MARKUP =
  /<\/?[a-z!][^>]*>?|\[[^\]]+\]\([^)]*\)|(^|\s)(\*\*|__)[^*_]+\2|^#{1,6}\s|^\s*[-*+]\s|`|javascript:|&(?:[a-z]+|#\d+|#x[\da-f]+);/gim;
/** Double quotation marks around at least three words: a quotation, which must be the founder's. */
const QUOTE = /[“"«„]([^“”"«»„]{3,}?)[”"»]/g;
/** Words that start with a capital letter mid-sentence without being names. */
const CAPITALISED_WORDS = new Set(
  (
    'i monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december faq faqs ok am pm mon tue tues wed thu thur thurs fri sat sun'
  ).split(' '),
);

/**
 * The facts a check compares against. Without `fields`, every fact of the DNA;
 * with `fields`, only those (what a section declares it reads), plus any extra
 * text the section is given as data (page labels, image descriptions).
 */
export function factCorpus(
  bundle: DnaBundle,
  options: { fields?: readonly string[]; extra?: readonly string[] } = {},
): FactCorpus {
  const values: string[] = [bundle.user.business_name ?? ''];
  if (!options.fields) values.push(bundle.user.customer_name ?? '');
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
  const considered = Object.entries(facts).filter(
    ([field]) => !options.fields || options.fields.includes(field),
  );
  const counts: number[] = [];
  for (const [, value] of considered) {
    walk(value);
    // "Four steps", "three services": how many items a list fact holds is a fact too.
    if (Array.isArray(value) && value.length) counts.push(value.length);
  }
  if (!options.fields) for (const m of bundle.media) walk([m.asset_name, m.description]);
  // A country given as an ISO code is shown spelled out ("US" → "United States").
  const country = considered.find(([field]) => field === 'location_country')?.[1];
  if (typeof country === 'string' && /^[A-Za-z]{2}$/.test(country.trim()))
    values.push(countryName(country.trim()));
  for (const e of options.extra ?? []) values.push(e);
  // Whitespace is collapsed inside each fact: copy reflows text, which is still the founder's words.
  const text = values
    .map((v) => v.replace(/\s+/g, ' ').trim())
    .join('\n')
    .toLowerCase();
  const numbers = new Set<string>();
  for (const m of text.matchAll(NUMBER)) {
    for (const n of numberForms(m[0])) numbers.add(n);
  }
  const words = new Set<string>();
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu)) {
    const w = stripPossessive(m[0]);
    words.add(w);
    for (const part of w.split(/[-'’]/)) if (part) words.add(part);
  }
  for (const n of counts) {
    numbers.add(String(n));
    if (SPELLED[n]) words.add(SPELLED[n]);
  }
  const testimonials = considered.some(
    ([field, value]) => field === 'testimonials' && Array.isArray(value) && value.length > 0,
  );
  return { text, numbers, words, testimonials };
}

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

function numberForms(raw: string): string[] {
  const plain = raw.replace(/,/g, '');
  const parts = raw.split(/[.,]/);
  return [raw, plain, plain.replace(/\.0+$/, ''), ...parts];
}

function wholeForms(raw: string): string[] {
  const plain = raw.replace(/,/g, '');
  return [raw, plain, plain.replace(/\.0+$/, '')];
}

function stripPossessive(word: string): string {
  return word.toLowerCase().replace(/['’]s?$/, '');
}

export function checkGrounding(
  content: unknown,
  bundle: DnaBundle,
  corpus: FactCorpus = factCorpus(bundle),
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

/**
 * Links and images a writer may use: every `href` must be one of `hrefs` and
 * every image `asset` one of `assets` (the ones the section was given), so no
 * text the founder typed, and no model answer, can add a link or an image.
 */
export function checkLinks(
  content: unknown,
  allowed: { hrefs: ReadonlySet<string>; assets: ReadonlySet<string> },
): GroundingProblem[] {
  const problems: GroundingProblem[] = [];
  const visit = (value: unknown, path: string, key: string) => {
    if (typeof value === 'string') {
      if (key === 'href' && !allowed.hrefs.has(value)) problems.push({ path, kind: 'link', value });
      if (key === 'asset' && !allowed.assets.has(value)) problems.push({ path, kind: 'link', value });
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${path}.${i}`, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k, k);
    }
  };
  visit(content, '', '');
  return problems;
}

/** A problem as one line a person (or the model) can act on. */
export function describeProblem(p: GroundingProblem): string {
  const what: Record<GroundingProblem['kind'], string> = {
    number: 'the number',
    email: 'the e-mail address',
    url: 'the web address',
    claim: 'the claim',
    markup: 'the markup',
    name: 'the name',
    quote: 'the quotation',
    link: 'the link or image reference',
  };
  const why: Record<GroundingProblem['kind'], string> = {
    number: 'is not in the facts',
    email: 'is not in the facts',
    url: 'is not in the facts',
    claim: 'is not something the facts say',
    markup: 'is markup; write plain text only',
    name: 'names a person, place or brand the facts do not mention (write in sentence case)',
    quote: 'is not a quotation the facts contain',
    link: 'is not one of the links or images provided',
  };
  return `${p.path || '(content)'}: ${what[p.kind]} ${JSON.stringify(p.value)} ${why[p.kind]}`;
}

function checkString(s: string, path: string, corpus: FactCorpus, out: GroundingProblem[]) {
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
  const known = (phrase: string) => corpus.text.includes(phrase.replace(/\s+/g, ' ').toLowerCase());
  for (const m of s.matchAll(EMAIL)) if (!known(m[0])) out.push({ path, kind: 'email', value: m[0] });
  const withoutEmails = s.replace(EMAIL, ' ');
  for (const m of withoutEmails.matchAll(URL_RE)) {
    if (!known(m[0].replace(/[.,;:]$/, ''))) out.push({ path, kind: 'url', value: m[0] });
  }
  const withoutUrls = withoutEmails.replace(URL_RE, ' ');
  for (const m of withoutUrls.matchAll(DOMAIN)) {
    if (!known(m[0])) out.push({ path, kind: 'url', value: m[0] });
  }
  for (const m of withoutUrls.matchAll(NUMBER)) {
    // The whole number must be a fact ("4.50" is not earned by a "4" and a "50" elsewhere).
    if (!wholeForms(m[0]).some((n) => corpus.numbers.has(n))) out.push({ path, kind: 'number', value: m[0] });
  }
  for (const m of s.matchAll(SPELLED_NUMBER)) {
    if (!corpus.words.has(m[0].toLowerCase())) out.push({ path, kind: 'number', value: m[0] });
  }
  for (const m of s.matchAll(CLAIMS_BOUNDED))
    if (!known(m[0])) out.push({ path, kind: 'claim', value: m[0] });
  if (!corpus.testimonials)
    for (const m of s.matchAll(SAYING)) if (!known(m[0])) out.push({ path, kind: 'claim', value: m[0] });
  for (const m of s.matchAll(QUOTE)) {
    const inner = m[1]!.trim();
    if (inner.split(/\s+/).length >= 3 && !known(inner.replace(/[.,!?]+$/, '')))
      out.push({ path, kind: 'quote', value: inner });
  }
  for (const name of unknownNames(withoutUrls, corpus)) out.push({ path, kind: 'name', value: name });
  for (const m of s.matchAll(MARKUP)) out.push({ path, kind: 'markup', value: m[0].trim() });
}

/**
 * Capitalised words that are not at the start of a sentence (or a clause after
 * a colon, a dash or a quotation mark) and that the facts never use: the names,
 * places and brands a writer would have had to invent. Runs of such words are
 * reported once ("Lake Tahoe").
 */
function unknownNames(s: string, corpus: FactCorpus): string[] {
  const found: string[] = [];
  let run: string[] = [];
  let runEnd = -1;
  const flush = () => {
    if (run.length) found.push(run.join(' '));
    run = [];
  };
  for (const m of s.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu)) {
    const word = m[0];
    const start = m.index;
    if (run.length && s.slice(runEnd, start).trim() !== '') flush();
    const before = s.slice(0, start).replace(/[\s"“‘'(«[]+$/u, '');
    const sentenceStart = before === '' || /[.!?:;—–•|·]$/u.test(before) || /\s[-–]$/.test(before);
    const capitalised = /^\p{Lu}/u.test(word);
    const base = stripPossessive(word);
    const knownWord =
      corpus.words.has(base) ||
      CAPITALISED_WORDS.has(base) ||
      base.split(/[-'’]/).every((p) => !p || corpus.words.has(p));
    if (capitalised && !sentenceStart && !knownWord) {
      run.push(word);
      runEnd = start + word.length;
    } else flush();
  }
  flush();
  return found;
}
