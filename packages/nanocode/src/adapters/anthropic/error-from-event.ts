import type { AdapterError } from '../../spec/adapter.js';
import { errorFromResponse } from '../shared/index.js';
import { isRecord } from './from-message.js';

/** The HTTP status Anthropic uses for each error type, so a mid-stream error classifies like a response. */
const STATUS_OF_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Turns an `error` event received mid-stream (`{type:'error',error:{type,message}}`) into an
 * {@link AdapterError}, classified as the same error would be as an HTTP response: `overloaded_error`
 * is a retryable `unavailable`. An unknown type counts as a server error.
 */
export function errorFromEvent(options: {
  data: string;
  provider: string;
  secrets: readonly string[];
  nowMs: number;
}): AdapterError {
  let type: unknown;
  try {
    const parsed: unknown = JSON.parse(options.data);
    type = isRecord(parsed) && isRecord(parsed.error) ? parsed.error.type : undefined;
  } catch {
    type = undefined;
  }
  const status = (typeof type === 'string' ? STATUS_OF_TYPE[type] : undefined) ?? 500;
  return errorFromResponse({
    status,
    body: options.data,
    headers: new Headers(),
    provider: options.provider,
    secrets: options.secrets,
    nowMs: options.nowMs,
  });
}
