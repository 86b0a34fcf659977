import type { Context } from 'hono';
import type { ApiErrorBody } from '../api-error.js';
import { handleError } from '../handle-error.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';
import { jsonResponse, openAiError } from './openai-error.js';

/**
 * The `/v1` error handler: the app's own mapping of errors to status and code (`handleError`), answered
 * in OpenAI's error shape so OpenAI clients read it (`code` is the `NC_API_*` code). Server errors are
 * logged with the request id, as the app does for its other routes.
 */
export function openAiErrorHandler(options: {
  context: Pick<ServerContext, 'logger'>;
}): (error: Error, c: Context<ServerEnv>) => Promise<Response> {
  return async (error, c) => {
    const response = handleError(error, c);
    if (response.status >= 500) {
      options.context.logger.error({ err: error, request_id: c.get('requestId') }, 'request failed');
    }
    const { error: body } = (await response.json()) as ApiErrorBody;
    return jsonResponse({
      status: response.status,
      body: openAiError({ status: response.status, message: body.message, code: body.code }),
    });
  };
}
