import { errors } from '../errors.ts';
import { createOfflineWriter } from './offline.ts';
import type { CallFailure } from './retry.ts';
import type { Writer } from './writer.ts';
import type { WriterConfig } from './writer-config.ts';
import type { WriterName } from './writer-name.ts';

export { parseWriterName, type WriterName, writerNames } from './writer-name.ts';

/**
 * Picks the writer by name: `offline` (deterministic, the default) or `openai`
 * (the default when OPENAI_API_KEY is set). The OpenAI writer keeps accepted
 * copy in the content cache under the state folder's cache directory. The
 * OpenAI modules are imported only when that writer is chosen.
 */
export async function createWriter(
  name: WriterName | undefined,
  config: { cacheDir: string; writers: WriterConfig },
  options: { onRetry?: (failure: CallFailure, waitMs: number, retry: number) => void } = {},
): Promise<Writer> {
  const writers = config.writers;
  const chosen = name ?? writers.default;
  if (chosen === 'offline') return createOfflineWriter();
  const settings = writers.openai;
  if (!settings.apiKey && !settings.baseUrl) throw errors.openaiKeyMissing();
  // The OpenAI SDK and the model writer load only when they write: offline runs never pay for them.
  const [{ createOpenAiWriter }, { createChatClient }, { createFileCache }] = await Promise.all([
    import('./openai.ts'),
    import('./openai-client.ts'),
    import('./content-cache.ts'),
  ]);
  return createOpenAiWriter({
    client: createChatClient(settings, options),
    cache: createFileCache(config.cacheDir),
    maxAttempts: settings.maxAttempts,
    temperature: settings.temperature,
    price: settings.price,
  });
}
