import OpenAI from 'openai';
import { withRetries } from '../writers/retry.ts';
import type { OpenAiSettings } from '../writers/writer-config.ts';
import {
  EMBEDDING_DIMENSIONS,
  LEXICAL_MODEL,
  LEXICAL_VERSION,
  lexicalEmbedding,
} from './lexical-embedding.ts';

/**
 * What turns passages and questions into vectors: the OpenAI embeddings API
 * (with a key), or the offline lexical hashing (`lexical-embedding.ts`). Rows
 * record the model and version, and a question is only ever compared with
 * passages embedded by the same model.
 */
export interface Embedder {
  readonly model: string;
  readonly version: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

export const lexicalEmbedder: Embedder = {
  model: LEXICAL_MODEL,
  version: LEXICAL_VERSION,
  embed: async (texts) => texts.map((t) => lexicalEmbedding(t)),
};

/** OpenAI embeddings, 1536 dimensions, in batches of 64 inputs, with the writer's retry policy. */
export function openAiEmbedder(settings: OpenAiSettings, model: string): Embedder {
  const sdk = new OpenAI({
    apiKey: settings.apiKey ?? 'no-key',
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs,
    maxRetries: 0,
  });
  return {
    model,
    version: `${EMBEDDING_DIMENSIONS}d`,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += 64) {
        const batch = texts.slice(i, i + 64);
        const response = await withRetries(
          () => sdk.embeddings.create({ model, input: [...batch], dimensions: EMBEDDING_DIMENSIONS }),
          {
            maxRetries: settings.maxRetries,
            baseDelayMs: settings.retryBaseMs,
            maxDelayMs: 20_000,
            maxRetryAfterMs: 60_000,
          },
        );
        const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
        if (vectors.length !== batch.length || vectors.some((v) => v.length !== EMBEDDING_DIMENSIONS))
          throw new Error(
            `the embeddings API answered ${vectors.length} vectors of ${vectors[0]?.length} dimensions for ${batch.length} texts; ${EMBEDDING_DIMENSIONS} dimensions are needed`,
          );
        out.push(...vectors);
      }
      return out;
    },
  };
}
