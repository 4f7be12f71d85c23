import { type Turn, wordCount } from './transcript.ts';

/**
 * Passages for search: consecutive turns of one call, about `CHUNK_WORDS`
 * words each, never splitting a turn (a question stays with its answer when
 * they fit), each starting with the last turn of the one before (the
 * overlap), so an answer that straddles two passages is whole in one of
 * them. A single turn longer than a passage is a passage of its own.
 */
export const CHUNK_WORDS = 120;

export interface Chunk {
  index: number;
  /** The turns' text, one `Assistant:` / `Founder:` line each. */
  text: string;
  turns: Turn[];
  /** Index of the first turn in the call. */
  firstTurn: number;
  start_s: number | null;
  end_s: number | null;
}

export function chunkTurns(turns: readonly Turn[], maxWords = CHUNK_WORDS): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  while (start < turns.length) {
    let end = start;
    let words = wordCount(turns[start]!.text);
    while (end + 1 < turns.length && words + wordCount(turns[end + 1]!.text) <= maxWords) {
      end++;
      words += wordCount(turns[end]!.text);
    }
    const slice = turns.slice(start, end + 1);
    chunks.push({
      index: chunks.length,
      text: slice.map((t) => `${t.role === 'assistant' ? 'Assistant' : 'Founder'}: ${t.text}`).join('\n'),
      turns: slice,
      firstTurn: start,
      start_s: slice.find((t) => t.start_s !== null)?.start_s ?? null,
      end_s: slice.findLast((t) => t.end_s !== null || t.start_s !== null)?.end_s ?? slice.at(-1)!.start_s,
    });
    if (end + 1 >= turns.length) break;
    // Overlap: the next passage starts with this one's last turn (unless that would not move forward).
    start = end > start ? end : end + 1;
  }
  return chunks;
}
