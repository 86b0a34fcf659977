import type { ServerResponse } from 'node:http';
import type { FakeErrorBehaviour } from './fake-provider-types.js';
import { sendJson } from './http-replies.js';

/** The body OpenAI sends with every error status. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const DEFAULTS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: null, message: 'You are not allowed to access this resource.' },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'The model does not exist or you do not have access to it.',
  },
  408: { type: 'invalid_request_error', code: null, message: 'Request timed out.' },
  409: { type: 'invalid_request_error', code: null, message: 'The request conflicts with another request.' },
  413: { type: 'invalid_request_error', code: null, message: 'Request too large.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request.',
  },
  502: { type: 'server_error', code: null, message: 'Bad gateway.' },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
  529: { type: 'server_error', code: null, message: 'The server is overloaded.' },
};

/** The OpenAI error body for a scripted error status. */
export function openAiErrorBody(options: { error: FakeErrorBehaviour }): OpenAiErrorBody {
  const { error } = options;
  const fallback = DEFAULTS[error.status] ?? { type: 'server_error', code: null, message: 'Error.' };
  if (error.errorType === 'context_length_exceeded') {
    const message =
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.";
    return {
      error: {
        message: error.message ?? message,
        type: 'invalid_request_error',
        param: 'messages',
        code: error.errorType,
      },
    };
  }
  return {
    error: {
      message: error.message ?? `${fallback.message} (scripted by the nanocode fake provider)`,
      type: fallback.type,
      param: null,
      code: error.errorType ?? fallback.code,
    },
  };
}

/** Sends an OpenAI error: status, `{ error: { message, type, param, code } }`, `Retry-After` when asked. */
export function sendOpenAiError(options: {
  res: ServerResponse;
  error: FakeErrorBehaviour;
  requestId: string;
}): void {
  const { error } = options;
  sendJson({
    res: options.res,
    status: error.status,
    body: openAiErrorBody({ error }),
    headers: {
      'x-request-id': options.requestId,
      ...(error.retryAfter === undefined ? {} : { 'retry-after': String(error.retryAfter) }),
    },
  });
}

/** Sends a protocol error (missing key, bad body) that a real server answers before any model runs. */
export function sendOpenAiRequestError(options: {
  res: ServerResponse;
  status: 400 | 401 | 404;
  message: string;
  param?: string;
  code?: string;
  requestId: string;
}): void {
  const body: OpenAiErrorBody = {
    error: {
      message: options.message,
      type: 'invalid_request_error',
      param: options.param ?? null,
      code: options.code ?? null,
    },
  };
  sendJson({
    res: options.res,
    status: options.status,
    body,
    headers: { 'x-request-id': options.requestId },
  });
}
