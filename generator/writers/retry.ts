import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/**
 * Bounded retries for model calls. Rate limits (429), server errors (5xx),
 * timeouts and dropped connections are retried with exponential backoff and
 * jitter, honouring the server's `retry-after-ms` / `retry-after`; anything
 * else (a bad key, an unknown model, a malformed request) fails at once.
 * When the retries run out, `ModelUnavailableError` says why.
 */
export interface RetryPolicy {
  /** Retries after the first try (so at most maxRetries + 1 requests). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer wait than this is treated as unavailable for this run. */
  maxRetryAfterMs: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface CallFailure {
  kind: 'rate_limit' | 'server' | 'timeout' | 'connection' | 'auth' | 'request';
  retryable: boolean;
  status: number | null;
  retryAfterMs: number | null;
  reason: string;
}

export class ModelUnavailableError extends Error {
  readonly failure: CallFailure;
  readonly tries: number;
  constructor(failure: CallFailure, tries: number) {
    super(`${failure.reason} (after ${tries} ${tries === 1 ? 'try' : 'tries'})`);
    this.name = 'ModelUnavailableError';
    this.failure = failure;
    this.tries = tries;
  }
}

export function classifyFailure(error: unknown): CallFailure {
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError'))
    return failure('request', false, null, null, 'the call was cancelled');
  if (error instanceof APIConnectionTimeoutError)
    return failure('timeout', true, null, null, 'the model did not answer before the timeout');
  if (error instanceof APIConnectionError)
    return failure('connection', true, null, null, `could not connect to the model (${causeOf(error)})`);
  if (error instanceof APIError) {
    const status = error.status ?? null;
    const after = retryAfterMs(error.headers);
    const message = shortMessage(error);
    if (status === 429) return failure('rate_limit', true, status, after, `rate limited (429): ${message}`);
    if (status === 408 || status === 409 || (status !== null && status >= 500))
      return failure('server', true, status, after, `the model server failed (${status}): ${message}`);
    if (status === 401 || status === 403)
      return failure('auth', false, status, null, `the API key was refused (${status}): ${message}`);
    return failure('request', false, status, null, `the request was refused (${status}): ${message}`);
  }
  return failure('request', false, null, null, error instanceof Error ? error.message : String(error));
}

/** The wait a response asks for: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined | null, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return null;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with jitter: half the capped delay, plus up to half again at random. */
export function backoffMs(retry: number, policy: RetryPolicy): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(capped / 2 + (policy.random ?? Math.random)() * (capped / 2));
}

export async function withRetries<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (failure: CallFailure, waitMs: number, retry: number) => void,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let retry = 0; ; retry++) {
    try {
      return await fn();
    } catch (error) {
      const f = classifyFailure(error);
      if (!f.retryable || retry >= policy.maxRetries) throw new ModelUnavailableError(f, retry + 1);
      if (f.retryAfterMs !== null && f.retryAfterMs > policy.maxRetryAfterMs) {
        throw new ModelUnavailableError(
          { ...f, reason: `${f.reason}; the server asked to wait ${Math.ceil(f.retryAfterMs / 1000)} s` },
          retry + 1,
        );
      }
      const wait = f.retryAfterMs ?? backoffMs(retry, policy);
      onRetry?.(f, wait, retry + 1);
      await sleep(wait);
    }
  }
}

function failure(
  kind: CallFailure['kind'],
  retryable: boolean,
  status: number | null,
  after: number | null,
  reason: string,
): CallFailure {
  return { kind, retryable, status, retryAfterMs: after, reason };
}

function shortMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : error.message;
  return text.replace(/\s+/g, ' ').slice(0, 200);
}

/** The innermost reason of a connection failure ("ECONNREFUSED", "ENOTFOUND"…). */
function causeOf(error: Error): string {
  let reason = error.message;
  let cause = (error as { cause?: unknown }).cause;
  for (let depth = 0; cause && depth < 5; depth++) {
    const c = cause as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (typeof c.message === 'string') reason = c.message;
    cause = c.cause;
  }
  return reason;
}
