import { afterEach, describe, expect, it } from 'vitest';
import { lexicalEmbedder, openAiEmbedder } from '../../../generator/transcripts/embedders.ts';
import {
  cosine,
  EMBEDDING_DIMENSIONS,
  lexicalEmbedding,
} from '../../../generator/transcripts/lexical-embedding.ts';
import { testOpenAiSettings } from '../../helpers/openai-settings.ts';
import { type LoopbackOpenAi, startLoopbackOpenAi } from '../writers/loopback-openai.ts';

let server: LoopbackOpenAi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('lexical embedding', () => {
  it('is 1536 wide, unit length, deterministic, and measures shared words', () => {
    const v = lexicalEmbedding('Drain clearing starts at $185.');
    expect(v).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    expect(lexicalEmbedding('Drain clearing starts at $185.')).toEqual(v);
    const drains = cosine(lexicalEmbedding('how much is drain clearing?'), v);
    const bread = cosine(lexicalEmbedding('how much is a sourdough loaf?'), v);
    expect(drains).toBeGreaterThan(0.3);
    expect(bread).toBeLessThan(0.1);
    expect(lexicalEmbedding('')).toEqual(new Array(EMBEDDING_DIMENSIONS).fill(0));
  });

  it('names itself as lexical', async () => {
    expect(lexicalEmbedder.model).toBe('dreamseed-lexical-hash');
    expect(await lexicalEmbedder.embed(['a b'])).toHaveLength(1);
  });
});

describe('OpenAI embeddings', () => {
  it('asks the embeddings API for 1536 dimensions in batches of 64 and keeps the order', async () => {
    server = await startLoopbackOpenAi(undefined, {
      embed: (text, d) => Array.from({ length: d }, (_, i) => (i === 0 ? text.length : 0)),
    });
    const embedder = openAiEmbedder(testOpenAiSettings(server.url), 'text-embedding-3-small');
    const texts = Array.from({ length: 70 }, (_, i) => 'x'.repeat(i + 1));
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => v[0])).toEqual(texts.map((t) => t.length));
    expect(server.embeddingRequests.map((r) => [r.model, r.input.length, r.dimensions])).toEqual([
      ['text-embedding-3-small', 64, 1536],
      ['text-embedding-3-small', 6, 1536],
    ]);
  });

  it('refuses vectors of the wrong width', async () => {
    server = await startLoopbackOpenAi(undefined, { embed: () => [1, 0, 0] });
    const embedder = openAiEmbedder(testOpenAiSettings(server.url), 'tiny-model');
    await expect(embedder.embed(['a'])).rejects.toThrow(/1536 dimensions are needed/);
  });
});
