/**
 * Helpers shared by the built-in HTTP adapters (openai, anthropic, http). They import only `spec/`.
 * The API here is stable for adapter authors inside this package.
 */

export { ensureOk } from './ensure-ok.js';
export { errorFromResponse } from './error-from-response.js';
export { estimateUsage } from './estimate-usage.js';
export {
  type FetchWithTimeoutsOptions,
  fetchWithTimeouts,
  readBodyText,
  type TimedResponse,
} from './fetch-with-timeouts.js';
export { badResponse, parseJsonBody } from './parse-json-body.js';
export { parseRetryAfter, RETRY_AFTER_CAP_MS } from './parse-retry-after.js';
export { parseSse, type SseEvent } from './parse-sse.js';
export { type ModelPrice, type PriceTable, priceOf } from './price-of.js';
export { REDACTED, redactSecrets } from './redact-secrets.js';
export { withRequestDefaults } from './with-request-defaults.js';
