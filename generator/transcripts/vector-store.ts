import type { Queryable } from '../db/database.ts';
import { analyseChunk } from './chunk-analysis.ts';
import { chunkTurns } from './chunks.ts';
import type { Embedder } from './embedders.ts';
import type { ExtractedField } from './extraction.ts';
import type { Turn } from './transcript.ts';

/**
 * `transcripts_vectorized`: one row per passage of a call (`chunks.ts`), with
 * its analysis (`chunk-analysis.ts`) and its embedding. The passage's own
 * text, call times and turn range are in `processing_metadata` (the table has
 * no text column), which is what search shows.
 *
 * Where the server has pgvector the embedding goes in the `vector(1536)`
 * column, searched through its HNSW index. Where the column is not a vector
 * (a server without pgvector: the migrations then leave it out or give it
 * another type), the vector is kept in `processing_metadata.embedding` and
 * search compares in this process instead (`search-transcripts.ts`).
 *
 * Re-vectorising a call replaces its rows (in the caller's transaction).
 */
export type VectorColumn = 'pgvector' | 'none';

export async function vectorColumn(tx: Queryable): Promise<VectorColumn> {
  const [row] = await tx.query<{ udt_name: string }>(
    `select udt_name from information_schema.columns
      where table_schema = 'public' and table_name = 'transcripts_vectorized' and column_name = 'embedding'`,
  );
  return row?.udt_name === 'vector' ? 'pgvector' : 'none';
}

export interface VectorisedCall {
  chunks: number;
  model: string;
  column: VectorColumn;
}

export async function vectoriseCall(
  tx: Queryable,
  input: {
    userId: string;
    transcriptId: string;
    call: number;
    turns: readonly Turn[];
    facts: readonly ExtractedField[];
  },
  embedder: Embedder,
): Promise<VectorisedCall> {
  const chunks = chunkTurns(input.turns);
  const vectors = await embedder.embed(chunks.map((c) => c.text));
  const column = await vectorColumn(tx);
  await tx.query('delete from public.transcripts_vectorized where transcript_id = $1 and user_id = $2', [
    input.transcriptId,
    input.userId,
  ]);
  for (const [i, chunk] of chunks.entries()) {
    const a = analyseChunk(chunk, input.facts);
    const meta = {
      text: chunk.text,
      call_number: input.call,
      start_s: chunk.start_s,
      end_s: chunk.end_s,
      first_turn: chunk.firstTurn,
      turns: chunk.turns.length,
      ...(column === 'none' ? { embedding: vectors[i] } : {}),
    };
    const params = [
      input.transcriptId,
      input.userId,
      chunk.index,
      a.summary,
      a.topics,
      JSON.stringify(a.insights),
      a.sentiment,
      embedder.model,
      embedder.version,
      JSON.stringify(meta),
    ];
    if (column === 'pgvector')
      await tx.query(
        `insert into public.transcripts_vectorized
           (transcript_id, user_id, chunk_index, content_summary, key_topics, business_insights, sentiment_score,
            embedding_model, model_version, processing_metadata, processed_at, embedding)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb, now(), $11::extensions.vector)`,
        [...params, `[${vectors[i]!.join(',')}]`],
      );
    else
      await tx.query(
        `insert into public.transcripts_vectorized
           (transcript_id, user_id, chunk_index, content_summary, key_topics, business_insights, sentiment_score,
            embedding_model, model_version, processing_metadata, processed_at)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10::jsonb, now())`,
        params,
      );
  }
  return { chunks: chunks.length, model: embedder.model, column };
}
