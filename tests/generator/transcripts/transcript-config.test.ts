import { describe, expect, it } from 'vitest';
import { loadTranscriptConfig } from '../../../generator/transcripts/transcript-config.ts';

describe('loadTranscriptConfig', () => {
  it('reads offline and lexical without a key, OpenAI with one', () => {
    expect(loadTranscriptConfig({})).toMatchObject({
      extractor: 'offline',
      embedder: 'lexical',
      embeddingModel: 'text-embedding-3-small',
      vapiSecret: undefined,
    });
    expect(loadTranscriptConfig({ OPENAI_API_KEY: 'k' })).toMatchObject({
      extractor: 'openai',
      embedder: 'openai',
    });
    expect(
      loadTranscriptConfig({
        OPENAI_API_KEY: 'k',
        DREAMSEED_EMBEDDER: 'lexical',
        OPENAI_EMBEDDING_MODEL: 'text-embedding-3-large',
      }),
    ).toMatchObject({
      extractor: 'openai',
      embedder: 'lexical',
      embeddingModel: 'text-embedding-3-large',
    });
  });

  it('names what is wrong', () => {
    expect(() => loadTranscriptConfig({ DREAMSEED_EXTRACTOR: 'gpt' })).toThrow(/DREAMSEED_EXTRACTOR/);
    expect(() => loadTranscriptConfig({ DREAMSEED_VAPI_SECRET: 'short' })).toThrow(
      /DREAMSEED_VAPI_SECRET: must be at least 16 characters/,
    );
    expect(() => loadTranscriptConfig({ DREAMSEED_EXTRACTOR: 'openai' })).toThrow(
      /OPENAI_API_KEY is not set/,
    );
  });
});
