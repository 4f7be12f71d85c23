import type { SectionDefinition } from '../catalog/define-section.ts';
import { sentencesOf } from '../catalog/grammar.ts';
import { checkGrounding, checkLinks, describeProblem, type FactCorpus } from '../content/grounding.ts';
import { canonicalJson } from '../content/section-inputs.ts';
import type { DnaBundle } from '../dna/schema.ts';
import { fromWire } from './wire-schema.ts';

/**
 * Every AI answer is checked before it is used: it must be JSON that parses
 * against the section's schema; it must not state a number, name, place,
 * address, award, quotation… the section's facts do not hold, nor contain
 * markup; its links and images must be the ones it was given; the fields the
 * brief keeps must equal the reference draft; and no sentence may repeat one
 * already on the site. The problems are worded for the model to fix them.
 */
export interface AnswerContext {
  section: SectionDefinition;
  bundle: DnaBundle;
  corpus: FactCorpus;
  reference: unknown;
  keep: readonly string[];
  allowed: { hrefs: ReadonlySet<string>; assets: ReadonlySet<string> };
  usedSentences: ReadonlySet<string>;
  /** Copy the founder rejected: an answer equal to one is refused. */
  rejected: readonly unknown[];
}

export type AnswerCheck =
  | { ok: true; content: unknown; sentences: string[] }
  | { ok: false; problems: string[] };

/** Fields that are controls or data, not prose: never compared for repeated sentences. */
const NOT_PROSE = new Set(['href', 'asset', 'alt', 'label', 'display', 'price', 'unit', 'kind']);

export function checkAnswer(raw: string | null, ctx: AnswerContext): AnswerCheck {
  if (raw === null || !raw.trim())
    return { ok: false, problems: ['the answer was empty: answer with the JSON object'] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      problems: ['the answer is not valid JSON: answer with one JSON object matching the schema'],
    };
  }
  const parsed = ctx.section.schema.safeParse(fromWire(json));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(content)'}: ${i.message}`),
    };
  }
  const content = parsed.data;
  const problems = [
    ...checkGrounding(content, ctx.bundle, ctx.corpus).map(describeProblem),
    ...checkLinks(content, ctx.allowed).map(describeProblem),
    ...keptProblems(content, ctx.reference, ctx.keep),
  ];
  if (ctx.rejected.some((r) => canonicalJson(r) === canonicalJson(content)))
    problems.push('the answer is the copy the founder rejected (REJECTED data): write different wording');
  const checked: string[] = [];
  // The reference draft's texts by path: it shows the founder's words as given, which may rightly repeat
  // (two services "Quoted on site."), and its own copy never repeats; a text left as the reference has it
  // is therefore not a repeat to fix.
  const referenceTexts = new Map(strings(ctx.reference).map(({ path, text }) => [path, text]));
  for (const { path, key, text } of strings(content)) {
    // Kept fields are the founder's words, shown as given: they may repeat a fact shown elsewhere.
    if (NOT_PROSE.has(key) || ctx.keep.some((k) => underPattern(path, k))) continue;
    if (referenceTexts.get(path) === text) {
      checked.push(...sentencesOf(text));
      continue;
    }
    for (const s of sentencesOf(text)) {
      if (ctx.usedSentences.has(s))
        problems.push(
          `${path}: the sentence ${JSON.stringify(text)} is already used elsewhere on the site: say it differently`,
        );
      else if (checked.includes(s)) problems.push(`${path}: repeats a sentence said earlier in this section`);
      checked.push(s);
    }
  }
  // Every sentence shown (kept ones too) is then taken, so later sections do not repeat it.
  const sentences = proseSentences(content);
  return problems.length ? { ok: false, problems: [...new Set(problems)] } : { ok: true, content, sentences };
}

/** Differences between the answer and the reference at the brief's `keep` paths. */
export function keptProblems(content: unknown, reference: unknown, keep: readonly string[]): string[] {
  const problems: string[] = [];
  for (const pattern of keep) {
    for (const { path, a, b } of pairsAt(content, reference, pattern.split('.'), [])) {
      if (JSON.stringify(a) !== JSON.stringify(b))
        problems.push(
          `${path}: must be copied exactly from the REFERENCE draft (${JSON.stringify(b ?? null)})`,
        );
    }
  }
  return problems;
}

function pairsAt(
  a: unknown,
  b: unknown,
  rest: string[],
  at: string[],
): { path: string; a: unknown; b: unknown }[] {
  if (rest.length === 0) return [{ path: at.join('.'), a, b }];
  const [head, ...tail] = rest;
  if (head === '*') {
    const listA = Array.isArray(a) ? a : [];
    const listB = Array.isArray(b) ? b : [];
    if (listA.length !== listB.length)
      return [{ path: at.join('.'), a: `${listA.length} items`, b: `${listB.length} items` }];
    return listB.flatMap((item, i) => pairsAt(listA[i], item, tail, [...at, String(i)]));
  }
  const child = (v: unknown) =>
    v && typeof v === 'object' ? (v as Record<string, unknown>)[head!] : undefined;
  return pairsAt(child(a), child(b), tail, [...at, head!]);
}

/** Whether `path` (a.0.b) is at or under a keep pattern (a.*). */
function underPattern(path: string, pattern: string): boolean {
  const p = pattern.split('.');
  const segments = path.split('.');
  return p.length <= segments.length && p.every((part, i) => part === '*' || part === segments[i]);
}

function strings(value: unknown, path = '', key = ''): { path: string; key: string; text: string }[] {
  if (typeof value === 'string') return [{ path, key, text: value }];
  if (Array.isArray(value))
    return value.flatMap((v, i) => strings(v, path ? `${path}.${i}` : String(i), key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k, k));
  return [];
}

/** Normalised sentences of content's prose (for the site's de-duplication state). */
export function proseSentences(content: unknown): string[] {
  return strings(content)
    .filter(({ key }) => !NOT_PROSE.has(key))
    .flatMap(({ text }) => sentencesOf(text));
}
