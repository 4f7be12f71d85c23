import { z } from 'zod';
import { blankIsUnset, errors, parseEnvironment } from '../errors.ts';
import { loadWriterConfig, type OpenAiSettings } from '../writers/writer-config.ts';

/**
 * The transcript module's settings, from the environment. OpenAI's own
 * variables (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL and the
 * DREAMSEED_OPENAI_* limits) are the writer's (`writers/writer-config.ts`);
 * these add:
 *
 * - `DREAMSEED_EXTRACTOR`: `offline` or `openai` (unset: openai when
 *   OPENAI_API_KEY is set, else offline);
 * - `DREAMSEED_EMBEDDER`: `lexical` or `openai` (unset: likewise);
 * - `OPENAI_EMBEDDING_MODEL`: default `text-embedding-3-small` (asked for 1536
 *   dimensions, the schema's vector width);
 * - `DREAMSEED_VAPI_SECRET`: the shared secret VAPI signs its server messages
 *   with (`vapi-webhook.ts`); unset, every VAPI request is refused.
 */
export const transcriptEnvSchema = z.object({
  DREAMSEED_EXTRACTOR: z.preprocess(blankIsUnset, z.enum(['offline', 'openai']).optional()),
  DREAMSEED_EMBEDDER: z.preprocess(blankIsUnset, z.enum(['lexical', 'openai']).optional()),
  OPENAI_EMBEDDING_MODEL: z.preprocess(
    blankIsUnset,
    z.string().trim().min(1).default('text-embedding-3-small'),
  ),
  DREAMSEED_VAPI_SECRET: z.preprocess(
    blankIsUnset,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
});

export interface TranscriptConfig {
  extractor: 'offline' | 'openai';
  embedder: 'lexical' | 'openai';
  embeddingModel: string;
  vapiSecret: string | undefined;
  openai: OpenAiSettings;
}

export function loadTranscriptConfig(env: NodeJS.ProcessEnv = process.env): TranscriptConfig {
  const writer = loadWriterConfig(env);
  const e = parseEnvironment(transcriptEnvSchema, env);
  const keyed = writer.openai.apiKey ? 'openai' : null;
  const config: TranscriptConfig = {
    extractor: e.DREAMSEED_EXTRACTOR ?? (keyed ? 'openai' : 'offline'),
    embedder: e.DREAMSEED_EMBEDDER ?? (keyed ? 'openai' : 'lexical'),
    embeddingModel: e.OPENAI_EMBEDDING_MODEL,
    vapiSecret: e.DREAMSEED_VAPI_SECRET,
    openai: writer.openai,
  };
  if (
    (config.extractor === 'openai' || config.embedder === 'openai') &&
    !writer.openai.apiKey &&
    !writer.openai.baseUrl
  )
    throw errors.openaiKeyMissing();
  return config;
}
