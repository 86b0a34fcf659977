import type { MiddlewareHandler } from 'hono';
import type { ServerEnv } from '../server-env.js';
import { jsonResponse, openAiError } from './openai-error.js';

/**
 * Rewrites the app's JSON errors (`{ error: { code, message } }`) into OpenAI's error shape, keeping
 * status and headers, for everything under `/v1`: errors raised before the governed routes run
 * (authentication, rate limits, body limits, unknown paths) then read like the routes' own. Register it
 * on `/v1/*` before the authentication middleware. Bodies already in OpenAI's shape are left alone.
 */
export function openAiErrorShape(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    await next();
    const { status } = c.res;
    if (status < 400 || !(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    const body = (await c.res
      .clone()
      .json()
      .catch(() => undefined)) as { error?: Record<string, unknown> } | undefined;
    const error = body?.error;
    if (error === undefined || typeof error.message !== 'string' || 'type' in error) return;
    const code = typeof error.code === 'string' ? error.code : null;
    // Hono merges the old response's headers (Retry-After, X-Request-Id, …) into the new one.
    c.res = jsonResponse({ status, body: openAiError({ status, message: error.message, code }) });
  };
}
