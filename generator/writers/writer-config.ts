import { z } from 'zod';
import { blankIsUnset, parseEnvironment } from '../errors.ts';
import type { Price } from './usage.ts';

/**
 * Writer settings from the environment (part of `loadConfig()`): which writer
 * writes copy by default, and how the OpenAI writer calls its model. The
 * variables OpenAI's own tools use (OPENAI_API_KEY, OPENAI_BASE_URL,
 * OPENAI_MODEL) keep their names, so an OpenAI-compatible server works by
 * pointing OPENAI_BASE_URL at it.
 */
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

export const writerEnvSchema = z.object({
  /** `offline` or `openai`; unset: openai when OPENAI_API_KEY is set, else offline. */
  DREAMSEED_WRITER: z.preprocess(blankIsUnset, z.enum(['offline', 'openai']).optional()),
  OPENAI_API_KEY: z.preprocess(blankIsUnset, z.string().trim().optional()),
  OPENAI_BASE_URL: z.preprocess(
    blankIsUnset,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.openai.com/v1' })
      .optional(),
  ),
  OPENAI_MODEL: z.preprocess(blankIsUnset, z.string().trim().min(1).default('gpt-4.1-mini')),
  /** Sampling temperature 0–2, or `default` to send none (for models that accept none). */
  DREAMSEED_OPENAI_TEMPERATURE: z.preprocess(
    blankIsUnset,
    z
      .union([
        z.literal('default'),
        z.coerce.number({ error: 'must be a number from 0 to 2, or "default"' }).min(0).max(2),
      ])
      .default(0.4),
  ),
  /** One request's timeout. */
  DREAMSEED_OPENAI_TIMEOUT_MS: int(100, 600_000, 45_000),
  /** Retries of one request after a rate limit, server error or timeout. */
  DREAMSEED_OPENAI_MAX_RETRIES: int(0, 10, 3),
  /** First backoff delay; doubles each retry (with jitter), at most 20 s. */
  DREAMSEED_OPENAI_RETRY_BASE_MS: int(1, 60_000, 500),
  /** Answers asked for per section before the offline copy is used (a refused answer is explained and asked again). */
  DREAMSEED_OPENAI_MAX_ATTEMPTS: int(1, 6, 3),
  /** Model requests in flight at once. */
  DREAMSEED_OPENAI_CONCURRENCY: int(1, 32, 4),
  /** Price override, US dollars per million tokens: "input,output", e.g. "0.4,1.6". */
  DREAMSEED_OPENAI_PRICE: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(
        /^\s*\d+(\.\d+)?\s*,\s*\d+(\.\d+)?\s*$/,
        'must be "input,output" dollars per million tokens, e.g. "0.4,1.6"',
      )
      .optional(),
  ),
  /** Alternative copies per section for low-confidence facts (0 turns them off). */
  DREAMSEED_ALTERNATIVES: int(0, 3, 3),
});

export interface OpenAiSettings {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  model: string;
  temperature: number | null;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  maxAttempts: number;
  concurrency: number;
  price: Price | null;
}

export interface WriterConfig {
  /** The writer `generate` uses when no `--writer` is given. */
  default: 'offline' | 'openai';
  openai: OpenAiSettings;
  alternatives: number;
}

export function loadWriterConfig(env: NodeJS.ProcessEnv = process.env): WriterConfig {
  const e = parseEnvironment(writerEnvSchema, env);
  const price = e.DREAMSEED_OPENAI_PRICE?.split(',').map(Number);
  return {
    default: e.DREAMSEED_WRITER ?? (e.OPENAI_API_KEY ? 'openai' : 'offline'),
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      temperature: e.DREAMSEED_OPENAI_TEMPERATURE === 'default' ? null : e.DREAMSEED_OPENAI_TEMPERATURE,
      timeoutMs: e.DREAMSEED_OPENAI_TIMEOUT_MS,
      maxRetries: e.DREAMSEED_OPENAI_MAX_RETRIES,
      retryBaseMs: e.DREAMSEED_OPENAI_RETRY_BASE_MS,
      maxAttempts: e.DREAMSEED_OPENAI_MAX_ATTEMPTS,
      concurrency: e.DREAMSEED_OPENAI_CONCURRENCY,
      price: price ? { input: price[0]!, output: price[1]! } : null,
    },
    alternatives: e.DREAMSEED_ALTERNATIVES,
  };
}
