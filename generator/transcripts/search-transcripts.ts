import type { Queryable } from '../db/database.ts';
import { errors } from '../errors.ts';
import { type Embedder, lexicalEmbedder } from './embedders.ts';
import { cosine, LEXICAL_MODEL } from './lexical-embedding.ts';
import { vectorColumn } from './vector-store.ts';

/**
 * The passages of a founder's calls that best answer a question: the
 * question is embedded by the model the passages were embedded with, and
 * compared by cosine similarity. With pgvector, through the HNSW index
 * (`order by embedding <=> question`, iterative scan where pgvector has it,
 * so the founder filter cannot starve the result); without pgvector, by
 * comparing in this process the vectors kept in `processing_metadata`.
 *
 * Passages embedded by OpenAI can only be searched with OpenAI; lexical
 * passages can always be searched (the lexical embedding needs nothing).
 */
export interface Passage {
  call_number: number;
  chunk_index: number;
  start_s: number | null;
  end_s: number | null;
  /** Cosine similarity, −1..1 (1 = same direction). */
  score: number;
  text: string;
  summary: string | null;
  topics: string[];
}

export interface SearchResult {
  question: string;
  model: string | null;
  method: 'pgvector' | 'scan' | 'none';
  passages: Passage[];
}

export async function searchTranscripts(
  tx: Queryable,
  input: { userId: string; question: string; limit?: number },
  embedderFor: (model: string) => Embedder | null,
): Promise<SearchResult> {
  const limit = input.limit ?? 5;
  const models = await tx.query<{ embedding_model: string; n: number }>(
    `select embedding_model, count(*)::int as n from public.transcripts_vectorized
      where user_id = $1 and embedding_model is not null group by embedding_model order by 2 desc`,
    [input.userId],
  );
  if (!models.length) return { question: input.question, model: null, method: 'none', passages: [] };
  const usable = models
    .map((m) => (m.embedding_model === LEXICAL_MODEL ? lexicalEmbedder : embedderFor(m.embedding_model)))
    .find((e): e is Embedder => !!e);
  if (!usable)
    throw errors.searchUnavailable(
      `the passages were embedded with ${models.map((m) => m.embedding_model).join(', ')}, and that model is not configured here`,
      models.some((m) => m.embedding_model !== LEXICAL_MODEL)
        ? 'Set OPENAI_API_KEY (and OPENAI_BASE_URL if you use a compatible server) to search them, or embed them again offline with `DREAMSEED_EMBEDDER=lexical dreamseed transcripts vectorise --user ID`.'
        : undefined,
    );
  const [vector] = await usable.embed([input.question]);
  const column = await vectorColumn(tx);
  const select = `select r.call_number, v.chunk_index, v.content_summary as summary, v.key_topics as topics,
                         v.processing_metadata as meta`;
  if (column === 'pgvector') {
    // pgvector ≥ 0.8: keep scanning the index until enough rows pass the founder filter.
    await tx.query(`select set_config('hnsw.iterative_scan', 'relaxed_order', true)`).catch(() => undefined);
    const rows = await tx.query<Row & { distance: number }>(
      `${select}, (v.embedding operator(extensions.<=>) $2::extensions.vector) as distance
         from public.transcripts_vectorized v
         join public.transcripts_raw r on r.id = v.transcript_id and r.user_id = v.user_id
        where v.user_id = $1 and v.embedding_model = $3 and v.embedding is not null
        order by v.embedding operator(extensions.<=>) $2::extensions.vector
        limit $4`,
      [input.userId, `[${vector!.join(',')}]`, usable.model, limit],
    );
    // Passages vectorised while the server had no pgvector keep their vectors in processing_metadata
    // until `transcripts vectorise` moves them into the column: compare those in this process.
    if (rows.length)
      return {
        question: input.question,
        model: usable.model,
        method: 'pgvector',
        passages: rows.map((r) => passage(r, 1 - Number(r.distance))),
      };
  }
  const rows = await tx.query<Row>(
    `${select} from public.transcripts_vectorized v
       join public.transcripts_raw r on r.id = v.transcript_id and r.user_id = v.user_id
      where v.user_id = $1 and v.embedding_model = $2`,
    [input.userId, usable.model],
  );
  const scored = rows
    .map((r) =>
      passage(r, Array.isArray(r.meta?.embedding) ? cosine(vector!, r.meta.embedding as number[]) : 0),
    )
    .sort((a, b) => b.score - a.score || a.call_number - b.call_number || a.chunk_index - b.chunk_index)
    .slice(0, limit);
  return { question: input.question, model: usable.model, method: 'scan', passages: scored };
}

interface Row {
  call_number: number;
  chunk_index: number;
  summary: string | null;
  topics: string[] | null;
  meta: { text?: string; start_s?: number | null; end_s?: number | null; embedding?: unknown } | null;
}

function passage(r: Row, score: number): Passage {
  return {
    call_number: Number(r.call_number),
    chunk_index: Number(r.chunk_index),
    start_s: r.meta?.start_s ?? null,
    end_s: r.meta?.end_s ?? null,
    score: Math.round(score * 1000) / 1000,
    text: r.meta?.text ?? '',
    summary: r.summary,
    topics: r.topics ?? [],
  };
}
