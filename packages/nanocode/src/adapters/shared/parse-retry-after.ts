/** The longest wait a `Retry-After` header can ask for; longer asks are capped (the run's budget still applies). */
export const RETRY_AFTER_CAP_MS = 60_000;

/**
 * Reads a retry delay from response headers: `retry-after-ms` (OpenAI) first, then `Retry-After` as
 * delta-seconds or an HTTP date. Returns milliseconds capped at {@link RETRY_AFTER_CAP_MS}, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(options: { headers: Headers; nowMs: number }): number | undefined {
  const { headers } = options;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return cap(Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return cap(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return cap(date - options.nowMs);
}

function cap(ms: number): number {
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, Math.ceil(ms)));
}
