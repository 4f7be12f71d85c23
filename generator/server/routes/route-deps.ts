import type { Config } from '../../config.ts';
import type { BuildQueue } from '../build-queue.ts';
import type { RateLimiter } from '../rate-limit.ts';

/** What every route module gets from the app. */
export interface RouteDeps {
  log: (line: string) => void;
  config: Config;
  limiter: RateLimiter;
  queue: BuildQueue | undefined;
  uploadLimitBytes: number | undefined;
  version: string;
}
