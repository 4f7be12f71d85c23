import type { OpenAiSettings } from '../../generator/writers/writer-config.ts';

/** OpenAI settings for tests: a loopback server (or none), no retries, tiny waits. */
export function testOpenAiSettings(baseUrl?: string): OpenAiSettings {
  return {
    apiKey: baseUrl ? 'test-key' : undefined,
    baseUrl,
    model: 'gpt-test',
    temperature: 0,
    timeoutMs: 5000,
    maxRetries: 0,
    retryBaseMs: 1,
    maxAttempts: 1,
    concurrency: 1,
    price: null,
  };
}
