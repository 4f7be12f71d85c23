import { findCue } from '../dna/vocabulary.ts';
import { modelTypeCues, verticalCues } from '../dna/vocabulary-cues.ts';
import { type Answer, type Reading, readAnswer } from './answer-readers.ts';
import type { Classification, ExtractedField, Extraction, KeptOut } from './extraction.ts';
import { screen } from './kept-out.ts';
import { type CueField, fieldsAsked } from './question-cues.ts';
import { sentences, tidyAnswer } from './sentences.ts';
import type { Transcript, Turn } from './transcript.ts';

/**
 * The deterministic extractor (no model): the consultation is structured, so
 * the assistant's questions mark what the founder's answers are about
 * (`question-cues.ts`), and a reader per field takes the value from the
 * answer (`answer-readers.ts`, names in `name-readers.ts`), with a modest confidence and the founder's
 * words as the quote. A field no question asked about is never filled in.
 *
 * - An assistant turn that asks nothing and is short ("Mm-hm.", "Go on.")
 *   lets the founder's next turn continue the same answer.
 * - One question about two descriptive fields at once ("who are your
 *   customers and what makes you different?") gives neither: the answer
 *   cannot be split reliably. Names, places, contacts and prices still are.
 * - A field answered twice in one call takes the later answer; the earlier,
 *   if different, becomes an alternative reading.
 * - Instructions and unverified claims are kept out first (`kept-out.ts`).
 */
export const OFFLINE_EXTRACTOR = 'dreamseed-offline-extractor-1';

const DESCRIPTIVE = new Set<CueField>([
  'what_problem',
  'who_serves',
  'how_different',
  'founder_story',
  'service_area',
  'business_model',
  'business_stage',
  'primary_service',
  'tagline',
  'industry_category',
  'business_hours',
]);
const BACKCHANNEL =
  /^(?:mm+-?h?m+|uh-huh|okay|ok|right|i see|got it|go on|go ahead|great|lovely|nice|perfect|wonderful|thanks?|thank you|sure|yes|yeah|and\??|anything else\??|tell me more|please go on|carry on)[.!,]?(?:\s+\S+){0,3}[.!]?$/i;

interface AnswerGroup {
  fields: CueField[];
  turns: Turn[];
}

export function extractOffline(t: Transcript): Extraction {
  const groups: AnswerGroup[] = [];
  let current: AnswerGroup | null = null;
  for (const turn of t.turns) {
    if (turn.role === 'assistant') {
      const asked = fieldsAsked(turn.text, sentences);
      if (!asked.length && current && BACKCHANNEL.test(turn.text.trim())) continue;
      current = { fields: asked, turns: [] };
      groups.push(current);
      continue;
    }
    if (current) current.turns.push(turn);
  }
  const keptOut: KeptOut[] = [];
  const unanswered = new Set<string>();
  const readings: (Reading & { at_s: number | null })[] = [];
  for (const group of groups) {
    if (!group.turns.length) continue;
    const said = group.turns.map((x) => x.text).join(' ');
    const at = group.turns[0]!.start_s;
    const screened = screen(sentences(said));
    for (const o of screened.out)
      keptOut.push({ quote: o.sentence, kind: o.kind, field: group.fields[0] ?? null, at_s: at });
    if (!group.fields.length) continue;
    const answer: Answer = {
      sentences: screened.kept.map((raw) => ({ raw, tidy: tidyAnswer(raw) })).filter((s) => s.tidy),
      at_s: at,
    };
    const descriptive = group.fields.filter((f) => DESCRIPTIVE.has(f));
    for (const field of group.fields) {
      if (descriptive.length > 1 && DESCRIPTIVE.has(field)) {
        unanswered.add(field);
        continue;
      }
      const found = readAnswer(field, answer);
      if (!found.length) unanswered.add(field);
      for (const r of found) readings.push({ ...r, at_s: at });
    }
  }
  const fields = merge(readings);
  for (const f of fields) unanswered.delete(f.field);
  for (const cover of ['location', 'contact'] as const) {
    if (!unanswered.has(cover)) continue;
    unanswered.delete(cover);
    unanswered.add(cover === 'location' ? 'location_city' : 'contact_email');
  }
  for (const f of fields) unanswered.delete(f.field);
  return {
    extractor: 'offline',
    model: OFFLINE_EXTRACTOR,
    fields,
    classification: classify(fields),
    kept_out: keptOut,
    dropped: [],
    unanswered: [...unanswered].sort(),
    notes: [],
  };
}

/** One reading per field: the last one said, earlier different ones as alternatives. */
function merge(readings: (Reading & { at_s: number | null })[]): ExtractedField[] {
  const byField = new Map<string, (Reading & { at_s: number | null })[]>();
  for (const r of readings) byField.set(r.field, [...(byField.get(r.field) ?? []), r]);
  const out: ExtractedField[] = [];
  for (const [, list] of byField) {
    const last = list.at(-1)!;
    const key = (v: unknown) => JSON.stringify(v).toLowerCase();
    const earlier = list
      .slice(0, -1)
      .reverse()
      .filter(
        (r, i, all) =>
          key(r.value) !== key(last.value) && all.findIndex((x) => key(x.value) === key(r.value)) === i,
      )
      .map((r) => ({
        value: typeof r.value === 'string' ? r.value : JSON.stringify(r.value),
        confidence: Math.round(r.confidence * 0.5 * 100) / 100,
        reasoning: 'Said earlier in the same call; the later answer is taken as the founder’s final word.',
      }));
    out.push({
      field: last.field,
      value: last.value,
      confidence: earlier.length ? Math.round(last.confidence * 0.85 * 100) / 100 : last.confidence,
      quote: last.quote,
      at_s: last.at_s,
      alternatives: [...(last.alternatives ?? []), ...earlier].slice(0, 3),
    });
  }
  return out;
}

/**
 * The classification the founder's words support: an industry by a cue word
 * in what they said the business is and sells, and a business model by a cue
 * word in how they said money comes in. No archetype: that is a reading of
 * the founder's voice, which this extractor does not attempt.
 */
function classify(fields: ExtractedField[]): Classification | null {
  const text = (names: string[]) =>
    fields
      .filter((f) => names.includes(f.field))
      .map((f) => (typeof f.value === 'string' ? f.value : JSON.stringify(f.value)))
      .join(' ');
  const vertical = findCue(
    verticalCues,
    text(['industry_category', 'primary_service', 'business_name', 'services']),
  );
  const model = findCue(modelTypeCues, text(['business_model']));
  if (!vertical && !model) return null;
  const reasons = [
    vertical
      ? `industry from the word "${vertical.words}" in what the founder said the business is and sells`
      : null,
    model ? `business model from the word "${model.words}" in how the founder said money comes in` : null,
  ].filter(Boolean);
  return {
    business_archetype: null,
    secondary_archetype: null,
    industry_vertical: vertical?.value ?? null,
    business_model_type: model?.value ?? null,
    confidence: 0.4,
    reasoning: `Offline reading by cue words (no model): ${reasons.join('; ')}.`,
  };
}
