import type { Chunk } from './chunks.ts';
import type { ExtractedField } from './extraction.ts';
import { fieldsAsked } from './question-cues.ts';
import { sentences } from './sentences.ts';
import { comparable } from './verify-extraction.ts';

/**
 * What `transcripts_vectorized` keeps beside each passage's vector, worked
 * out without a model (the same with or without an API key, so rows do not
 * change with configuration):
 *
 * - `content_summary`: extractive: the assistant's question(s) and the first
 *   sentence of each founder answer in the passage, cut to 300 characters;
 * - `key_topics`: the fields the assistant's questions in it ask about
 *   (`question-cues.ts`), then its most frequent content words;
 * - `business_insights`: the extracted facts whose quote lies in the passage
 *   (`{field: value}`): what this passage contributed to the DNA;
 * - `sentiment_score` (−1..1): the founder's words only, by a small lexicon
 *   of positive and negative words, (pos − neg) / (pos + neg), 0 when none.
 */
export interface ChunkAnalysis {
  summary: string;
  topics: string[];
  insights: Record<string, unknown>;
  sentiment: number;
}

const POSITIVE = new Set(
  'love loved lovely happy glad great good best proud enjoy enjoyed excited wonderful fantastic amazing thrilled grateful thankful pleased fun easy fresh warm calm safe helped helps confident perfect beautiful delicious favourite favorite'.split(
    ' ',
  ),
);
const NEGATIVE = new Set(
  'hate hated sad angry upset worried worry afraid scared frustrated frustrating hard difficult problem problems struggle struggling stress stressed tired lost hurt pain painful crowded expensive bad worse worst broken late slow lonely anxious nervous stuck burst fail failed'.split(
    ' ',
  ),
);
const STOP = new Set(
  'the and for with that this our are you your they them from who what was were have has had but not all any can her his its out also just very more most some than then there their into about over only like when where which while will would could should each other such own same both few many much yes yeah okay sure well really know think said going get got one two three want need make made back time thing things people customers assistant founder dont thats its were theyre'.split(
    ' ',
  ),
);

export function analyseChunk(chunk: Chunk, facts: readonly ExtractedField[]): ChunkAnalysis {
  const parts: string[] = [];
  for (const turn of chunk.turns) {
    const first = sentences(turn.text)[0] ?? turn.text;
    parts.push(turn.role === 'assistant' ? `Q: ${first}` : first);
  }
  const summary = cut(parts.join(' '), 300);
  const asked = chunk.turns
    .filter((t) => t.role === 'assistant')
    .flatMap((t) => fieldsAsked(t.text, sentences))
    .map((f) => (f === 'location' ? 'location' : f === 'contact' ? 'contact' : f));
  const founderWords = chunk.turns
    .filter((t) => t.role === 'founder')
    .map((t) => t.text)
    .join(' ');
  const counts = new Map<string, number>();
  for (const w of comparable(founderWords).split(' '))
    if (w.length > 3 && !STOP.has(w) && !/^\d+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const frequent = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([w]) => w);
  const topics = [...new Set([...asked, ...frequent])].slice(0, 8);
  const text = comparable(chunk.text);
  const insights: Record<string, unknown> = {};
  for (const f of facts) if (f.quote && text.includes(comparable(f.quote))) insights[f.field] = f.value;
  let pos = 0;
  let neg = 0;
  for (const w of comparable(founderWords).split(' ')) {
    if (POSITIVE.has(w)) pos++;
    else if (NEGATIVE.has(w)) neg++;
  }
  const sentiment = pos + neg ? Math.round(((pos - neg) / (pos + neg)) * 1000) / 1000 : 0;
  return { summary, topics, insights, sentiment };
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const at = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, at > 0 ? at : max - 1)}…`;
}
