import { errorFromResponse } from './error-from-response.js';
import { readBodyText, type TimedResponse } from './fetch-with-timeouts.js';

/**
 * Returns the response when its status is 2xx; otherwise reads its body (under the call's timeouts)
 * and throws it as one {@link import('../../spec/adapter.js').AdapterError} ({@link errorFromResponse},
 * `secrets` redacted).
 */
export async function ensureOk(options: {
  timed: TimedResponse;
  provider: string;
  secrets: readonly string[];
}): Promise<TimedResponse> {
  const { timed } = options;
  if (timed.response.ok) return timed;
  const body = await readBodyText({ timed });
  throw errorFromResponse({
    status: timed.response.status,
    body,
    headers: timed.response.headers,
    provider: options.provider,
    secrets: options.secrets,
    nowMs: Date.now(),
  });
}
