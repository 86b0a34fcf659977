import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../spec/error-codes.js';
import { NanocodeError } from '../spec/errors.js';

/** An error code of the HTTP API. */
export type ApiErrorCode = Extract<ErrorCode, `NC_API_${string}`>;

/** The HTTP status each API error code answers with; a code always has the same status. */
export const API_ERROR_STATUS: Readonly<Record<ApiErrorCode, ContentfulStatusCode>> = {
  NC_API_UNAUTHENTICATED: 401,
  NC_API_FORBIDDEN: 403,
  NC_API_NOT_FOUND: 404,
  NC_API_BAD_REQUEST: 400,
  NC_API_PAYLOAD_TOO_LARGE: 413,
  NC_API_RATE_LIMITED: 429,
  NC_API_CONFLICT: 409,
  NC_API_PRECONDITION_FAILED: 412,
  NC_API_INTERNAL: 500,
  NC_API_UNAVAILABLE: 503,
};

/** The one JSON shape of every error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: Record<string, unknown> };
}

/** True when `code` is an API error code. */
export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_ERROR_STATUS, code);
}

/** A {@link NanocodeError} with an API code, for routes to throw; the app's error handler answers it. */
export function apiError(options: {
  code: ApiErrorCode;
  message: string;
  details?: Record<string, unknown>;
}): NanocodeError {
  return new NanocodeError({
    code: options.code,
    message: options.message,
    ...(options.details === undefined ? {} : { details: options.details }),
  });
}

/** Writes the error response for `code`, with its fixed status. */
export function errorResponse(
  c: Context,
  options: { code: ApiErrorCode; message: string; details?: Record<string, unknown> },
): Response {
  const body: ApiErrorBody = {
    error: {
      code: options.code,
      message: options.message,
      ...(options.details === undefined ? {} : { details: options.details }),
    },
  };
  const retryAfter = options.details?.retry_after_seconds;
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  return c.json(body, API_ERROR_STATUS[options.code]);
}
