import { type ContentCache, createMemoryCache } from '../../../generator/writers/content-cache.ts';
import { createOpenAiWriter } from '../../../generator/writers/openai.ts';
import { createChatClient } from '../../../generator/writers/openai-client.ts';
import type { OpenAiSettings } from '../../../generator/writers/writer-config.ts';

/** The OpenAI writer with the real SDK pointed at a loopback server; fast retries for tests. */
export function loopbackSettings(url: string, overrides: Partial<OpenAiSettings> = {}): OpenAiSettings {
  return {
    apiKey: 'sk-loopback-test',
    baseUrl: url,
    model: 'gpt-4.1-mini',
    temperature: 0.4,
    timeoutMs: 5_000,
    maxRetries: 2,
    retryBaseMs: 5,
    maxAttempts: 3,
    concurrency: 4,
    price: null,
    ...overrides,
  };
}

export function loopbackWriter(
  url: string,
  overrides: Partial<OpenAiSettings> = {},
  cache: ContentCache = createMemoryCache(),
) {
  const settings = loopbackSettings(url, overrides);
  return createOpenAiWriter({
    client: createChatClient(settings),
    cache,
    maxAttempts: settings.maxAttempts,
    temperature: settings.temperature,
    price: settings.price,
  });
}
