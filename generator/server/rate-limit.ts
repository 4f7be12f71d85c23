import type { MiddlewareHandler } from 'hono';
import { errors } from '../errors.ts';
import type { AppEnv } from './env.ts';

/**
 * A basic per-founder rate limit for the routes that spend the model budget (generation,
 * uploads): a fixed window of `perMinute` requests per founder (the service role, whose founder is
 * named in the body, counts as one caller). In memory, per
 * process: enough to stop a runaway client of one server; a fleet needs a shared counter.
 * Over the limit: 429 RATE_LIMITED with Retry-After.
 */
export interface RateLimiter {
  middleware: MiddlewareHandler<AppEnv>;
}

export function rateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const WINDOW_MS = 60_000;
  return {
    middleware: async (c, next) => {
      const caller = c.get('caller');
      const key = caller.kind === 'founder' ? caller.userId : 'service';
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= WINDOW_MS) {
        w = { start: t, count: 0 };
        windows.set(key, w);
        if (windows.size > 10_000) {
          for (const [k, v] of windows) if (t - v.start >= WINDOW_MS) windows.delete(k);
        }
      }
      if (w.count >= perMinute) {
        const retry = Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000));
        c.header('Retry-After', String(retry));
        throw errors.rateLimited(retry);
      }
      w.count += 1;
      await next();
    },
  };
}
