import OpenAI from 'openai';
import type { ChatMessage } from './prompt.ts';
import { type CallFailure, type RetryPolicy, withRetries } from './retry.ts';
import type { OpenAiSettings } from './writer-config.ts';

/**
 * One Chat Completions call with a structured-output response format, through
 * the `openai` SDK (its own retries off: ours are bounded, logged and honour
 * `retry-after`), at most `concurrency` requests in flight.
 */
export interface Completion {
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
  usage: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | undefined;
  model: string;
}

/** A part of a user message: text, or an image (a `data:` URL; images go to vision-capable models). */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail: 'low' | 'high' | 'auto' } };

/** A chat message: the writers' text messages, or a user message with an image. */
export type ModelMessage = ChatMessage | { role: 'user'; content: ContentPart[] };

export interface ChatClient {
  readonly model: string;
  /** Where requests go, for messages ("api.openai.com" or the OPENAI_BASE_URL host). */
  readonly endpoint: string;
  /** `signal` aborts a queued or running call (the writer gives up on the model for this run). */
  complete(
    messages: readonly ModelMessage[],
    responseFormat: unknown,
    signal?: AbortSignal,
  ): Promise<Completion>;
}

export function createChatClient(
  settings: OpenAiSettings,
  options: {
    onRetry?: (failure: CallFailure, waitMs: number, retry: number) => void;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): ChatClient {
  const sdk = new OpenAI({
    // A local OpenAI-compatible server may need no key; the SDK insists on one.
    apiKey: settings.apiKey ?? 'no-key',
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs,
    maxRetries: 0,
  });
  const policy: RetryPolicy = {
    maxRetries: settings.maxRetries,
    baseDelayMs: settings.retryBaseMs,
    maxDelayMs: 20_000,
    maxRetryAfterMs: 60_000,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  const limit = limiter(settings.concurrency);
  return {
    model: settings.model,
    endpoint: settings.baseUrl ? new URL(settings.baseUrl).host : 'api.openai.com',
    complete: (messages, responseFormat, signal) =>
      limit(() =>
        withRetries(
          async () => {
            signal?.throwIfAborted();
            const response = await sdk.chat.completions.create(
              {
                model: settings.model,
                messages: messages.map(
                  (m) => ({ role: m.role, content: m.content }) as OpenAI.ChatCompletionMessageParam,
                ),
                response_format: responseFormat as OpenAI.ResponseFormatJSONSchema,
                ...(settings.temperature === null ? {} : { temperature: settings.temperature }),
              },
              signal ? { signal } : {},
            );
            const choice = response.choices[0];
            return {
              content: choice?.message.content ?? null,
              refusal: choice?.message.refusal ?? null,
              finishReason: choice?.finish_reason ?? null,
              usage: response.usage ?? undefined,
              model: response.model || settings.model,
            };
          },
          policy,
          options.onRetry,
        ),
      ),
  };
}

/** Runs at most `n` tasks at once, in the order they were queued. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) start();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
