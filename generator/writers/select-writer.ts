import type { Config } from '../config.ts';
import { errors } from '../errors.ts';
import { createFileCache } from './content-cache.ts';
import { createOfflineWriter } from './offline.ts';
import { createOpenAiWriter } from './openai.ts';
import { createChatClient } from './openai-client.ts';
import type { CallFailure } from './retry.ts';
import type { Writer } from './writer.ts';
import type { WriterName } from './writer-name.ts';

export { parseWriterName, type WriterName, writerNames } from './writer-name.ts';

/**
 * Picks the writer by name: `offline` (deterministic, the default) or `openai`
 * (the default when OPENAI_API_KEY is set). The OpenAI writer keeps accepted
 * copy in the content cache under the state folder's cache directory.
 */
export function createWriter(
  name: WriterName | undefined,
  config: Pick<Config, 'cacheDir' | 'writers'>,
  options: { onRetry?: (failure: CallFailure, waitMs: number, retry: number) => void } = {},
): Writer {
  const writers = config.writers;
  const chosen = name ?? writers.default;
  if (chosen === 'offline') return createOfflineWriter();
  const settings = writers.openai;
  if (!settings.apiKey && !settings.baseUrl) throw errors.openaiKeyMissing();
  return createOpenAiWriter({
    client: createChatClient(settings, options),
    cache: createFileCache(config.cacheDir),
    maxAttempts: settings.maxAttempts,
    temperature: settings.temperature,
    price: settings.price,
  });
}
