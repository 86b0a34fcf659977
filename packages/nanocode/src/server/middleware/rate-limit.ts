import type { MiddlewareHandler } from 'hono';
import { apiError } from '../api-error.js';
import type { ServerEnv } from '../server-env.js';

/** A token bucket per API key: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitOptions {
  burst: number;
  perSecond: number;
  /** How many keys' buckets are kept; the least recently used is dropped beyond it. */
  maxKeys: number;
  /** The clock, in milliseconds (injected by tests). */
  now: () => number;
}

/** The limits `nanocode serve` uses: bursts of 60, 10 requests a second sustained, per key. */
export const DEFAULT_RATE_LIMIT: Omit<RateLimitOptions, 'now'> = {
  burst: 60,
  perSecond: 10,
  maxKeys: 10_000,
};

/**
 * Limits each principal's key (`c.var.principal.key_id`) to a token bucket; an empty bucket answers
 * `NC_API_RATE_LIMITED` with `Retry-After` (whole seconds until a token is back). Runs after authentication.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<ServerEnv> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async (c, next) => {
    const key = c.get('principal').key_id;
    const now = options.now();
    const previous = buckets.get(key) ?? { tokens: options.burst, at: now };
    const refilled = Math.min(
      options.burst,
      previous.tokens + (Math.max(0, now - previous.at) / 1000) * options.perSecond,
    );
    // Re-insert so the map's order is least-recently-used first.
    buckets.delete(key);
    if (buckets.size >= options.maxKeys) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    if (refilled < 1) {
      buckets.set(key, { tokens: refilled, at: now });
      const retryAfter = Math.max(1, Math.ceil((1 - refilled) / options.perSecond));
      c.header('Retry-After', String(retryAfter));
      throw apiError({
        code: 'NC_API_RATE_LIMITED',
        message: `rate limit exceeded; retry after ${retryAfter} s`,
        details: { retry_after_seconds: retryAfter },
      });
    }
    buckets.set(key, { tokens: refilled - 1, at: now });
    return next();
  };
}
