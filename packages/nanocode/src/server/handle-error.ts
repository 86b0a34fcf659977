import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { NanocodeError } from '../spec/errors.js';
import { errorResponse, isApiErrorCode } from './api-error.js';
import type { ServerEnv } from './server-env.js';

/** Codes of errors that bad input causes: they answer 400, never 500. */
const INPUT_ERROR = /^NC_(CFG|CLI|STORE_INPUT|EVIDENCE_LOG_RANGE|EVIDENCE_NOT_JSON|RUN_INPUT_INVALID)/;

/**
 * The app's error handler: every thrown error becomes the one JSON error shape. API errors keep their
 * code; errors caused by the request's content (config, inputs, ranges) become `NC_API_BAD_REQUEST` with
 * the underlying errors as details; a store that cannot be reached (`NC_STORE_IO`) is a 503
 * `NC_API_UNAVAILABLE`; anything else is logged and answered `NC_API_INTERNAL`.
 */
export function handleError(error: Error, c: Context<ServerEnv>): Response {
  if (error instanceof NanocodeError) {
    if (isApiErrorCode(error.code)) {
      return errorResponse(c, {
        code: error.code,
        message: error.message,
        ...(error.details === undefined ? {} : { details: error.details }),
      });
    }
    if (error.code === 'NC_STORE_IO') {
      // The driver's message stays in the log (create-app logs every 5xx with the request id).
      const operation = error.details?.operation;
      return errorResponse(c, {
        code: 'NC_API_UNAVAILABLE',
        message: `the store is unavailable; retry later (request ${c.get('requestId') ?? 'unknown'})`,
        ...(typeof operation === 'string' ? { details: { operation } } : {}),
      });
    }
    if (INPUT_ERROR.test(error.code)) {
      const errors = collectErrors(error);
      return errorResponse(c, {
        code: 'NC_API_BAD_REQUEST',
        message: error.message,
        details: { errors },
      });
    }
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own rejections (e.g. a malformed JSON body) are the caller's fault.
    return errorResponse(c, { code: 'NC_API_BAD_REQUEST', message: error.message || 'bad request' });
  }
  return errorResponse(c, {
    code: 'NC_API_INTERNAL',
    message: `internal error (request ${c.get('requestId') ?? 'unknown'})`,
  });
}

/** The errors a (possibly aggregate) error carries, in their JSON form. */
function collectErrors(error: NanocodeError): Array<Record<string, unknown>> {
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.every((item) => item instanceof NanocodeError)) {
    return nested.map((item) => item.toJSON());
  }
  return [error.toJSON()];
}
