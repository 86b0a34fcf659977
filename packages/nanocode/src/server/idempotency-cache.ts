import { createHash } from 'node:crypto';
import { canonicalJson } from '../evidence/index.js';
import { apiError } from './api-error.js';

/** A response kept for replay under an Idempotency-Key. */
export interface StoredResponse {
  status: 200 | 202;
  body: Record<string, unknown>;
  location?: string;
}

/** Remembers the response of each (tenant, Idempotency-Key), so a retried creation does not run twice. */
export interface IdempotencyCache {
  /**
   * The response for this key: the first one (awaited while it is still being made) when the body is
   * the same; `NC_API_CONFLICT` when the key was used with another body. `produce` runs only for a new key;
   * if it throws, the key is forgotten so a retry can succeed.
   */
  respond(options: {
    tenant: string;
    key: string;
    body: unknown;
    produce: () => Promise<StoredResponse>;
  }): Promise<StoredResponse>;
}

/** Creates an in-memory cache that keeps at most `maxEntries` keys (the oldest are forgotten first). */
export function createIdempotencyCache(options: { maxEntries: number }): IdempotencyCache {
  const entries = new Map<string, { fingerprint: string; response: Promise<StoredResponse> }>();
  return {
    async respond({ tenant, key, body, produce }) {
      const id = `${tenant}\u0000${key}`;
      const fingerprint = createHash('sha256').update(canonicalJson(body)).digest('hex');
      const known = entries.get(id);
      if (known !== undefined) {
        if (known.fingerprint !== fingerprint) {
          throw apiError({
            code: 'NC_API_CONFLICT',
            message: 'this Idempotency-Key was already used with a different request body',
          });
        }
        return known.response;
      }
      if (entries.size >= options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      const response = produce();
      entries.set(id, { fingerprint, response });
      response.catch(() => entries.delete(id));
      return response;
    },
  };
}
