import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { loadOpenApiValidator } from '../../testing/fake-provider/openai-openapi.test-util.js';
import { apiError, errorResponse } from '../api-error.js';
import { handleError } from '../handle-error.js';
import type { ServerEnv } from '../server-env.js';
import { openAiErrorShape } from './openai-error-shape.js';

const validate = loadOpenApiValidator({ schemas: ['ErrorResponse'] });

function app() {
  const app = new OpenAPIHono<ServerEnv>();
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, { code: 'NC_API_NOT_FOUND', message: 'no route' }));
  app.use('/v1/*', openAiErrorShape());
  app.use('/v1/*', async (c, next) => {
    if (c.req.header('authorization') === undefined) {
      throw apiError({ code: 'NC_API_UNAUTHENTICATED', message: 'missing Authorization: Bearer <key>' });
    }
    return next();
  });
  app.get('/v1/limited', (c) => {
    c.header('retry-after', '3');
    return errorResponse(c, { code: 'NC_API_RATE_LIMITED', message: 'slow down' });
  });
  app.get('/v1/openai', (c) =>
    c.json({ error: { message: 'as is', type: 'nanocode_stopped', param: null, code: 'run_stopped' } }, 422),
  );
  app.get('/v1/ok', (c) => c.json({ ok: true }));
  app.get('/api/thing', () => {
    throw apiError({ code: 'NC_API_FORBIDDEN', message: 'no' });
  });
  return app;
}

describe('openAiErrorShape', () => {
  it('rewrites a thrown API error of an earlier middleware into the OpenAI shape, same status', async () => {
    const response = await app().request('/v1/ok');
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body).toEqual({
      error: {
        message: 'missing Authorization: Bearer <key>',
        type: 'authentication_error',
        param: null,
        code: 'NC_API_UNAUTHENTICATED',
      },
    });
    if (validate !== undefined) expect(validate({ schema: 'ErrorResponse', value: body })).toEqual([]);
  });

  it('keeps headers such as Retry-After, and rewrites unknown /v1 paths', async () => {
    const auth = { authorization: 'Bearer k' };
    const limited = await app().request('/v1/limited', { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'NC_API_RATE_LIMITED' },
    });
    const unknown = await app().request('/v1/nothing', { headers: auth });
    expect(await unknown.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'NC_API_NOT_FOUND' },
    });
  });

  it('leaves OpenAI-shaped errors, successes and other paths alone', async () => {
    const auth = { authorization: 'Bearer k' };
    expect(await (await app().request('/v1/openai', { headers: auth })).json()).toMatchObject({
      error: { message: 'as is', type: 'nanocode_stopped' },
    });
    expect(await (await app().request('/v1/ok', { headers: auth })).json()).toEqual({ ok: true });
    expect(await (await app().request('/api/thing')).json()).toEqual({
      error: { code: 'NC_API_FORBIDDEN', message: 'no' },
    });
  });
});
