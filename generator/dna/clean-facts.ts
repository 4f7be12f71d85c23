/**
 * The content policy for the founder's facts, applied once where the DNA is
 * read (a bundle file or the database), so that the page body, the page
 * metadata (title, description, Open Graph, JSON-LD), the score checks and the
 * writers all see the same words. A fact holding markup, a script, a
 * `javascript:` URL or text addressed to an AI model keeps only its clean
 * words: tags, scripts and hostile URLs are removed, markdown and entities
 * become plain text, sentences that give a model instructions are left out.
 * A fact with nothing clean left is left out altogether. Each change is a
 * finding naming the field, which `generate` turns into a warning.
 *
 * Only text that a site may show is cleaned. Open classification labels are
 * kept exactly as given (they are matched, never shown), and nothing here adds
 * a word: the result is always the founder's own words, in their order.
 */
export interface CleanFinding {
  /** Where, as table.column (and index for lists): `dream_dna_truth.tagline`, `dream_dna_truth.services.2.name`. */
  field: string;
  /** What was found, first the most serious. */
  found: ('script' | 'markup' | 'url' | 'instructions')[];
  /** `cleaned`: the clean words are kept; `dropped`: the fact (or list item) is left out. */
  action: 'cleaned' | 'dropped';
  /** The text kept (for `cleaned`). */
  kept?: string;
}

export interface CleanResult {
  text: string | undefined;
  found: CleanFinding['found'];
}

/** Elements whose content is code, never words: removed with everything inside them. */
const CODE_ELEMENT =
  /<(script|style|iframe|object|embed|template|noscript|svg|math)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;
const SCRIPT_HINT = /<script\b|\bon[a-z]+\s*=|<iframe\b|<object\b|<embed\b/i;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
/** A tag (opening, closing or self-closing), also one cut off at the end of its line. */
const TAG = /<\/?[a-z][^<>\n]*(>|$)/gim;
const DOCTYPE = /<![a-z][^>]*>/gi;
/** Chat-format tokens and role markers (`<|im_start|>`, `[INST]`, `<<SYS>>`). */
const CHAT_TOKEN = /<\|[^|<>]{0,40}\|>|\[\/?INST\]|<<\/?SYS>>/gi;
/** A script URL ("javascript:alert(1)") or a data URL: never words, wherever it stands. */
const HOSTILE_URL = /\b(?:javascript|vbscript|livescript):[^\s<>"']+|\bdata:[a-z]+\/[\w.+-]+[;,][^\s<>"']*/gi;
const MD_LINK = /!?\[([^\]\n]*)\]\(([^)\n]*)\)/g;
const MD_STRONG = /(\*\*|__)(?=\S)([^\n]*?\S)\1/g;
const MD_CODE = /`([^`\n]+)`/g;
const MD_HEADING = /^[ \t]*#{1,6}[ \t]+/gm;
const MD_BULLET = /^[ \t]*[-*+][ \t]+(?=\S)/gm;
const ENTITY = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z][a-z\d]{1,30}));/gi;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  eacute: 'é',
};

/**
 * Text addressed to an AI model rather than to a reader: "ignore previous
 * instructions", a system prompt, developer mode, a role marker. Narrow on
 * purpose: a founder's ordinary sentence ("we act as your advocate") must
 * never match.
 */
const INSTRUCTIONS = [
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines|directions|system message)\b/i,
  /\b(?:system|developer)[ -](?:prompt|message|mode)\b/i,
  /\bnew instructions\b/i,
  /\byou are (?:now )?(?:chatgpt|gpt|an? (?:ai|assistant|language model|llm))\b/i,
  /\bas an ai(?: language model)?\b/i,
  /\bprompt injection\b/i,
  /\b(?:jailbreak|do anything now)\b/i,
];
/**
 * A line or sentence that speaks as a chat role ("SYSTEM: …", "assistant:"), or a chat token
 * (marked `ROLE` when it is removed): it and what follows in its paragraph are instructions.
 */
const ROLE = '\uE000';
const ROLE_LINE = /(?:^|[.!?]\s)\s*(?:system|assistant|user|developer)\s*:|\uE000/im;

/** Cleans one text; `undefined` when nothing clean is left. */
export function cleanText(raw: string): CleanResult {
  const found = new Set<CleanFinding['found'][number]>();
  /** Replaces every match, noting what was found when there was one. */
  const strip = (
    text: string,
    pattern: RegExp,
    kind: CleanFinding['found'][number],
    by: (...groups: string[]) => string = () => ' ',
  ) =>
    text.replace(pattern, (...match: unknown[]) => {
      found.add(kind);
      return by(...(match.filter((m) => typeof m === 'string' || m === undefined) as string[]).slice(1));
    });
  // Chat tokens first: "<|im_start|>" must not be read as a tag.
  let text = raw.replaceAll(ROLE, '').replace(CHAT_TOKEN, () => ROLE);
  // Entities may hide tags ("&lt;script&gt;"): decode, then strip, until nothing changes.
  for (let round = 0; round < 3; round++) {
    const before = text;
    if (SCRIPT_HINT.test(text)) found.add('script');
    text = strip(text, CODE_ELEMENT, 'script');
    for (const pattern of [COMMENT, DOCTYPE, TAG]) text = strip(text, pattern, 'markup');
    text = strip(text, ENTITY, 'markup', (dec, hex, name) => {
      if (dec || hex) {
        const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
        return code > 0x1f && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return NAMED[name!.toLowerCase()] ?? ' ';
    });
    if (text === before) break;
  }
  text = strip(text, HOSTILE_URL, 'url');
  text = strip(text, MD_LINK, 'markup', (label) => label ?? '');
  text = strip(text, MD_STRONG, 'markup', (_mark, inner) => inner ?? '');
  text = strip(text, MD_CODE, 'markup', (inner) => inner ?? '');
  text = strip(text, MD_HEADING, 'markup', () => '').replace(MD_BULLET, '');
  const words = withoutInstructions(text);
  if (words.dropped) found.add('instructions');
  const tidy = tidyUp(words.text);
  const clean = /[\p{L}\p{N}]/u.test(tidy) ? tidy : undefined;
  return { text: found.size ? clean : raw, found: ORDER.filter((f) => found.has(f)) };
}

const ORDER: CleanFinding['found'] = ['script', 'instructions', 'url', 'markup'];

/**
 * The text without its sentences addressed to a model. A role line ("SYSTEM:")
 * makes the rest of its paragraph instructions too.
 */
function withoutInstructions(text: string): { text: string; dropped: boolean } {
  let dropped = false;
  const paragraphs = text.split(/\n\s*\n/).map((paragraph) => {
    const role = ROLE_LINE.exec(paragraph);
    let kept = paragraph;
    if (role) {
      // Keep the sentence end before the marker ("… bread. SYSTEM: …" keeps "… bread.").
      kept = paragraph.slice(0, role.index + (/^[.!?]/.test(role[0]) ? 1 : 0));
      dropped = true;
    }
    const sentences = kept.split(/(?<=[.!?…])\s+|\n+/);
    const clean = sentences.filter((s) => !INSTRUCTIONS.some((p) => p.test(s)));
    if (clean.length !== sentences.length) dropped = true;
    return clean.join(' ');
  });
  return { text: paragraphs.filter((p) => p.trim()).join('\n\n'), dropped };
}

/** White space and punctuation left behind by what was removed, tidied; paragraphs kept. */
function tidyUp(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/[ \t\r\n]+/g, ' ')
        .replace(/\(\s*\)|\[\s*\]/g, ' ')
        .replace(/\s+([,.;:!?)])/g, '$1')
        .replace(/([,;:])(?=[.!?])/g, '')
        .replace(/^[\s,.;:!?)-]+/, '')
        .replace(/\s{2,}/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** The bundle's parts as read, before validation (a bundle file's keys, or database rows). */
export interface RawDna {
  users?: Record<string, unknown> | null | undefined;
  dream_dna_truth?: Record<string, unknown> | null | undefined;
  dream_dna_probability?: unknown[] | null | undefined;
  media_assets?: unknown[] | null | undefined;
}

/** Text columns a site may show, per table (lists are walked item by item). */
const USER_TEXT = ['business_name', 'customer_name', 'business_type'];
const TRUTH_SKIP = new Set([
  'id',
  'user_id',
  'version',
  'currency',
  'field_confidence',
  'confidence_score',
  'extraction_source',
  'validated_by_user',
  'updated_by',
  'created_at',
  'updated_at',
]);
const PROBABILITY_TEXT = ['primary_interpretation', 'alternative_1', 'alternative_2', 'alternative_3'];
const MEDIA_TEXT = ['description', 'asset_name'];
/** Facts that are addresses: kept whole or left out, never cut down to a part. */
const WHOLE = new Set(['website_url', 'contact_email']);

/**
 * Cleans every text of the DNA a site may show. Returns new objects (the input
 * is not changed) and what was found, field by field.
 */
export function cleanDna<T extends RawDna>(raw: T): { dna: T; findings: CleanFinding[] } {
  const findings: CleanFinding[] = [];
  const dna = { ...raw };
  if (isRecord(raw.users)) dna.users = cleanRecord(raw.users, 'users', USER_TEXT, findings);
  if (isRecord(raw.dream_dna_truth)) {
    const keys = Object.keys(raw.dream_dna_truth).filter((k) => !TRUTH_SKIP.has(k));
    dna.dream_dna_truth = cleanRecord(raw.dream_dna_truth, 'dream_dna_truth', keys, findings);
  }
  if (Array.isArray(raw.dream_dna_probability)) {
    dna.dream_dna_probability = raw.dream_dna_probability.map((row, i) =>
      isRecord(row)
        ? cleanRecord(row, `dream_dna_probability.${String(row.field_name ?? i)}`, PROBABILITY_TEXT, findings)
        : row,
    );
  }
  if (Array.isArray(raw.media_assets)) {
    dna.media_assets = raw.media_assets.map((row, i) =>
      isRecord(row) ? cleanRecord(row, `media_assets.${i}`, MEDIA_TEXT, findings) : row,
    );
  }
  return { dna, findings };
}

function cleanRecord(
  row: Record<string, unknown>,
  table: string,
  keys: readonly string[],
  findings: CleanFinding[],
): Record<string, unknown> {
  const out = { ...row };
  for (const key of keys) {
    if (!(key in row)) continue;
    const value = cleanValue(row[key], `${table}.${key}`, WHOLE.has(key), findings);
    if (value === undefined) out[key] = null;
    else out[key] = value;
  }
  return out;
}

function cleanValue(value: unknown, field: string, whole: boolean, findings: CleanFinding[]): unknown {
  if (typeof value === 'string') {
    const { text, found } = cleanText(value);
    if (!found.length) return value;
    const dropped = text === undefined || whole;
    findings.push({
      field,
      found,
      action: dropped ? 'dropped' : 'cleaned',
      ...(dropped ? {} : { kept: text }),
    });
    return dropped ? undefined : text;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [i, item] of value.entries()) {
      const before = findings.length;
      const cleaned = cleanValue(item, `${field}.${i}`, false, findings);
      // A list item that lost a text it needs (a service without its name) is left out whole.
      if (cleaned === undefined || (isRecord(item) && lostText(item, cleaned))) {
        findings.splice(before, findings.length - before, {
          field: `${field}.${i}`,
          found: [...new Set(findings.slice(before).flatMap((f) => f.found))],
          action: 'dropped',
        });
        continue;
      }
      items.push(cleaned);
    }
    return items;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const cleaned = cleanValue(v, `${field}.${k}`, false, findings);
      if (cleaned !== undefined) out[k] = cleaned;
    }
    return out;
  }
  return value;
}

/** Whether cleaning emptied a text the item had. */
function lostText(before: Record<string, unknown>, after: unknown): boolean {
  if (!isRecord(after)) return true;
  return Object.entries(before).some(([k, v]) => typeof v === 'string' && v.trim() && after[k] === undefined);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finding as one line for the founder: the field, what it held, and what the site shows instead. */
export function describeFinding(f: CleanFinding): string {
  const what = f.found.map((k) => FOUND[k]).join(' and ');
  const outcome =
    f.action === 'dropped'
      ? 'it is left off the site and out of its metadata'
      : `the site and its metadata show only "${clip(f.kept ?? '')}"`;
  return `${f.field} held ${what}: ${outcome}. Correct it in the DNA.`;
}

const FOUND: Record<CleanFinding['found'][number], string> = {
  script: 'a script',
  instructions: 'instructions to an AI model',
  url: 'a javascript: or data: URL',
  markup: 'markup',
};

function clip(text: string): string {
  const s = text.replace(/\s+/g, ' ');
  return s.length <= 80 ? s : `${s.slice(0, 79).replace(/\s+\S*$/, '')}…`;
}
