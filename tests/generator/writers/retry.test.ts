import { APIConnectionTimeoutError, APIError } from 'openai';
import { expect, it } from 'vitest';
import {
  backoffMs,
  classifyFailure,
  ModelUnavailableError,
  type RetryPolicy,
  retryAfterMs,
  withRetries,
} from '../../../generator/writers/retry.ts';

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxRetries: 3,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryAfterMs: 5000,
  sleep: async () => {},
  ...over,
});
const apiError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { message: `status ${status}` }, undefined, new Headers(headers));

it('reads retry-after-ms, retry-after in seconds and as an HTTP date', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250);
  expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
  expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
  expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
  expect(retryAfterMs(new Headers(), now)).toBeNull();
});

it('backs off exponentially with jitter, capped', () => {
  for (const r of [0, 1, 2, 3, 10]) {
    const capped = Math.min(1000, 100 * 2 ** r);
    expect(backoffMs(r, policy({ random: () => 0 }))).toBe(capped / 2);
    expect(backoffMs(r, policy({ random: () => 0.999999 }))).toBeLessThanOrEqual(capped);
  }
});

it('retries 429, 5xx and timeouts; fails at once on a bad key or a bad request', () => {
  expect(classifyFailure(apiError(429))).toMatchObject({ kind: 'rate_limit', retryable: true });
  expect(classifyFailure(apiError(503))).toMatchObject({ kind: 'server', retryable: true });
  expect(classifyFailure(new APIConnectionTimeoutError())).toMatchObject({
    kind: 'timeout',
    retryable: true,
  });
  expect(classifyFailure(apiError(401))).toMatchObject({ kind: 'auth', retryable: false });
  expect(classifyFailure(apiError(400))).toMatchObject({ kind: 'request', retryable: false });
});

it('waits what the server asks, stops after maxRetries, and gives up on waits longer than allowed', async () => {
  const waits: number[] = [];
  let calls = 0;
  const result = await withRetries(
    async () => {
      calls++;
      if (calls < 3) throw apiError(429, { 'retry-after-ms': '300' });
      return 'ok';
    },
    policy({ sleep: async (ms) => void waits.push(ms) }),
  );
  expect(result).toBe('ok');
  expect(waits).toEqual([300, 300]);

  calls = 0;
  await expect(
    withRetries(async () => {
      calls++;
      throw apiError(500);
    }, policy()),
  ).rejects.toBeInstanceOf(ModelUnavailableError);
  expect(calls).toBe(4);

  calls = 0;
  const long = withRetries(async () => {
    calls++;
    throw apiError(429, { 'retry-after': '120' });
  }, policy());
  await expect(long).rejects.toThrow(/asked to wait 120 s/);
  expect(calls).toBe(1);

  calls = 0;
  await expect(
    withRetries(async () => {
      calls++;
      throw apiError(401);
    }, policy()),
  ).rejects.toThrow(/API key was refused \(401\)/);
  expect(calls).toBe(1);
});
