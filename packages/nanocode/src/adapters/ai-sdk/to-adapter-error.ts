import { AdapterError } from '../../spec/adapter.js';
import { parseRetryAfter } from '../shared/index.js';

/** The marker the AI SDK sets on `APICallError` instances (checked by shape: `ai` stays optional). */
const API_CALL_ERROR = Symbol.for('vercel.ai.error.AI_APICallError');

interface ApiCallErrorShape {
  message: string;
  statusCode?: number;
  isRetryable: boolean;
  responseHeaders?: Record<string, string>;
}

/**
 * Classifies anything an AI SDK model threw. `APICallError`s are classified by status, and the
 * SDK's own `isRetryable` wins when it disagrees; `retry-after` (seconds or an HTTP date) is
 * honoured (capped as
 * everywhere else). An abort is `aborted`; anything else is `unknown`, or `unavailable` when the SDK
 * marked it retryable (network failures without a status).
 */
export function toAdapterError(options: {
  error: unknown;
  signal: AbortSignal;
  now: () => number;
}): AdapterError {
  const { error, signal } = options;
  if (error instanceof AdapterError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (signal.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new AdapterError({
      code: 'aborted',
      message: 'the call was aborted',
      retryable: false,
      cause: error,
    });
  }
  if (!isApiCallError(error)) {
    return new AdapterError({ code: 'unknown', message, retryable: false, cause: error });
  }
  const retryAfter = parseRetryAfter({
    headers: new Headers(error.responseHeaders ?? {}),
    nowMs: options.now(),
  });
  const extra = retryAfter === undefined ? {} : { retry_after_ms: retryAfter };
  if (error.statusCode === undefined) {
    return new AdapterError({
      code: error.isRetryable ? 'unavailable' : 'unknown',
      message,
      retryable: error.isRetryable,
      cause: error,
      ...extra,
    });
  }
  const byStatus = AdapterError.fromStatus({ status: error.statusCode, message, ...extra });
  return new AdapterError({
    code: byStatus.code,
    message,
    retryable: error.isRetryable,
    status: error.statusCode,
    cause: error,
    ...extra,
  });
}

function isApiCallError(error: unknown): error is ApiCallErrorShape {
  return (
    typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[API_CALL_ERROR] === true
  );
}
