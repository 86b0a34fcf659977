import type { Pool } from 'pg';
import { AdapterError } from '../../spec/adapter.js';
import { inTransaction } from '../../store/postgres/pg-transaction.js';
import type { ProviderRateLimit } from './rate-limits.js';

/** A wait is never longer than this between two looks, so a freed slot is not missed for long. */
const MAX_WAIT_MS = 1000;
/** Bounds the loop: a call that cannot get a slot after this many looks fails as rate limited. */
const MAX_LOOKS = 100_000;

/**
 * How much longer than its period a limit's window is kept: a tenth of the period, at most 250 ms. A call
 * reaches the provider a little after its slot is granted, and not always equally late; the provider
 * counts arrivals, so the grants keep this much slack to stay inside its quota.
 */
export function rateWindowMs(options: { period_ms: number }): number {
  return options.period_ms + Math.min(250, Math.floor(options.period_ms / 10));
}

/**
 * Waits until `limit` allows one more call to its provider, across every worker, and takes that slot.
 * The limit is a sliding window over the database clock: at most `requests` grants in any window of
 * {@link rateWindowMs} (the period and a little slack).
 * A transaction-scoped advisory lock per provider makes the count and the grant one step, so two workers
 * cannot both take the last slot. Waits as long as the oldest grant in the window needs to age out, and
 * rejects with an `aborted` AdapterError when `signal` aborts (the run's deadline or cancel).
 */
export async function acquireRateSlot(options: {
  pool: Pool;
  limit: ProviderRateLimit;
  signal: AbortSignal;
}): Promise<void> {
  const { pool, limit, signal } = options;
  for (let looks = 0; looks < MAX_LOOKS; looks += 1) {
    if (signal.aborted) throw aborted();
    const waitMs = await tryGrant({ pool, limit });
    if (waitMs === 0) return;
    await sleep({ ms: Math.min(MAX_WAIT_MS, waitMs), signal });
  }
  throw new AdapterError({
    code: 'rate_limited',
    message: `no ${limit.provider} rate-limit slot came free`,
    retryable: true,
  });
}

/** Takes a slot (0) or says how long until the oldest grant in the window ages out (ms). */
async function tryGrant(options: { pool: Pool; limit: ProviderRateLimit }): Promise<number> {
  const { limit } = options;
  return inTransaction({
    on: options.pool,
    use: async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('nanocode.rate'), hashtext($1))", [
        limit.provider,
      ]);
      const { rows } = await client.query<{ used: number; wait_ms: number | null }>(
        `SELECT count(*)::int AS used,
                ceil(extract(epoch FROM (min(granted_at) + $2 * interval '1 millisecond' - clock_timestamp())) * 1000)::int AS wait_ms
         FROM nanocode_rate_grants
         WHERE provider = $1 AND granted_at > clock_timestamp() - $2 * interval '1 millisecond'`,
        [limit.provider, rateWindowMs(limit)],
      );
      const used = rows[0]?.used ?? 0;
      if (used >= limit.requests) return Math.max(1, rows[0]?.wait_ms ?? 1);
      await client.query(
        'INSERT INTO nanocode_rate_grants (provider, granted_at) VALUES ($1, clock_timestamp())',
        [limit.provider],
      );
      // Grants that left the window are only history; drop them now and then so the table stays small.
      if (used === 0) {
        await client.query(
          `DELETE FROM nanocode_rate_grants
           WHERE provider = $1 AND granted_at < clock_timestamp() - $2 * interval '1 millisecond'`,
          [limit.provider, rateWindowMs(limit)],
        );
      }
      return 0;
    },
  });
}

function sleep(options: { ms: number; signal: AbortSignal }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, options.ms);
    function done() {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', done);
      resolve();
    }
    options.signal.addEventListener('abort', done, { once: true });
  });
}

function aborted(): AdapterError {
  return new AdapterError({
    code: 'aborted',
    message: 'aborted while waiting for a rate-limit slot',
    retryable: false,
  });
}
