import { errors } from '../errors.ts';
import { createFileCache } from './content-cache.ts';
import { createOfflineWriter } from './offline.ts';
import { createOpenAiWriter } from './openai.ts';
import { createChatClient } from './openai-client.ts';
import type { CallFailure } from './retry.ts';
import type { Writer } from './writer.ts';
import type { WriterConfig } from './writer-config.ts';

/**
 * Picks the writer by name: `offline` (deterministic, the default) or `openai`
 * (the default when OPENAI_API_KEY is set). The OpenAI writer keeps accepted
 * copy in the content cache under the state folder's cache directory.
 */
export type WriterName = 'offline' | 'openai';
export const writerNames: readonly WriterName[] = ['offline', 'openai'];

export function createWriter(
  name: WriterName | undefined,
  config: { cacheDir: string; writers: WriterConfig },
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

export function parseWriterName(value: string | undefined): WriterName | undefined {
  if (value === undefined) return undefined;
  if ((writerNames as readonly string[]).includes(value)) return value as WriterName;
  throw errors.usage(
    `--writer must be one of ${writerNames.join(', ')}; got "${value}".`,
    'Example: --writer openai',
  );
}
