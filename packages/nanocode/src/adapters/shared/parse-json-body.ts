import { AdapterError } from '../../spec/adapter.js';

/**
 * Parses a provider's success body. Anything that is not a JSON object is a non-retryable
 * `bad_response`: the provider answered, but not in its wire format.
 */
export function parseJsonBody(options: { text: string; provider: string }): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(options.text);
  } catch {
    throw badResponse({ provider: options.provider, reason: 'the response body is not valid JSON' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badResponse({ provider: options.provider, reason: 'the response body is not a JSON object' });
  }
  return parsed as Record<string, unknown>;
}

/** A non-retryable `bad_response` error: the provider's answer does not have the expected shape. */
export function badResponse(options: { provider: string; reason: string }): AdapterError {
  return new AdapterError({
    code: 'bad_response',
    message: `${options.provider}: ${options.reason}`,
    retryable: false,
  });
}
