import type { ServerResponse } from 'node:http';
import type { FakeErrorBehaviour } from './fake-provider-types.js';
import { sendJson } from './http-replies.js';

/** The body Anthropic sends with every error status. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id: string;
}

const DEFAULTS: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  408: { type: 'timeout_error', message: 'Request timed out.' },
  409: { type: 'invalid_request_error', message: 'The request conflicts with another request.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
  500: { type: 'api_error', message: 'Internal server error.' },
  502: { type: 'api_error', message: 'Bad gateway.' },
  503: { type: 'api_error', message: 'Service unavailable.' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** The Anthropic error body for a scripted error status. */
export function anthropicErrorBody(options: {
  error: FakeErrorBehaviour;
  requestId: string;
}): AnthropicErrorBody {
  const { error } = options;
  const fallback = DEFAULTS[error.status] ?? { type: 'api_error', message: 'Error.' };
  if (error.errorType === 'context_length_exceeded') {
    return {
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: error.message ?? 'prompt is too long: 210000 tokens > 200000 maximum',
      },
      request_id: options.requestId,
    };
  }
  return {
    type: 'error',
    error: {
      type: error.errorType ?? fallback.type,
      message: error.message ?? `${fallback.message} (scripted by the nanocode fake provider)`,
    },
    request_id: options.requestId,
  };
}

/** Sends an Anthropic error: status, `{ type: 'error', error: { type, message } }`, `Retry-After` when asked. */
export function sendAnthropicError(options: {
  res: ServerResponse;
  error: FakeErrorBehaviour;
  requestId: string;
}): void {
  const { error, requestId } = options;
  sendJson({
    res: options.res,
    status: error.status,
    body: anthropicErrorBody({ error, requestId }),
    headers: {
      'request-id': requestId,
      ...(error.retryAfter === undefined ? {} : { 'retry-after': String(error.retryAfter) }),
    },
  });
}
