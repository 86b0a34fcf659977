import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../spec/error-codes.js';
import { API_ERROR_STATUS } from './api-error.js';
import { createApp } from './create-app.js';
import { createTestApp } from './test-app.test-util.js';

describe('createApp: authentication and roles', () => {
  it('answers 401 NC_API_UNAUTHENTICATED for a missing, malformed, unknown or revoked key', async () => {
    const t = await createTestApp();
    const cases = [
      await t.call({ path: '/api/runs' }),
      await t.call({ path: '/api/runs', headers: { authorization: 'Basic abc' } }),
      await t.call({ path: '/api/runs', key: 'nck_nope' }),
      await t.call({ path: '/api/runs', key: t.keys.revokedA }),
    ];
    for (const response of cases) {
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'NC_API_UNAUTHENTICATED',
      );
    }
  });

  it('answers 403 NC_API_FORBIDDEN when the role does not allow the route', async () => {
    const t = await createTestApp();
    const response = await t.call({
      path: '/api/runs',
      key: t.keys.auditorA,
      json: { workflow: 'constraint-playground' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'NC_API_FORBIDDEN' } });
    const metrics = await t.call({ path: '/metrics', key: t.keys.runnerA });
    expect(metrics.status).toBe(403);
  });

  it('with keys off, every request is the local admin of the default tenant', async () => {
    const t = await createTestApp();
    const app = createApp({ context: t.context, auth: { keys: 'none', tenant: 'default' } });
    const response = await app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflow: 'constraint-playground' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { run_id: string };
    expect((await t.store.getRun({ run_id: body.run_id }))?.summary.tenant).toBe('default');
  });
});

describe('createApp: errors, limits and headers', () => {
  it('maps every API code to its fixed status, and every API code is registered', () => {
    for (const code of Object.keys(API_ERROR_STATUS)) expect(Object.keys(ERROR_CODES)).toContain(code);
    expect(API_ERROR_STATUS.NC_API_NOT_FOUND).toBe(404);
  });

  it('answers unknown routes with NC_API_NOT_FOUND in the one error shape, with a request id', async () => {
    const t = await createTestApp();
    const response = await t.call({ path: '/api/nope', key: t.keys.runnerA });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NC_API_NOT_FOUND', message: 'no route GET /api/nope' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('never answers garbage bodies with a 500: each is a coded 400', async () => {
    const t = await createTestApp();
    const garbage: Array<{ body: string; type?: string }> = [
      { body: '{not json' },
      { body: '[]' },
      { body: 'null' },
      { body: '"text"' },
      { body: '{"workflow": 42}' },
      { body: '{"workflow": "constraint-playground", "inputs": [1,2]}' },
      { body: '{"workflow": "constraint-playground", "mode": "later"}' },
      { body: '{"workflow": "constraint-playground", "extra": true}' },
      { body: '{"workflow": "x"}', type: 'text/plain' },
      { body: '' },
    ];
    for (const { body, type } of garbage) {
      const response = await t.call({
        path: '/api/runs',
        key: t.keys.runnerA,
        body,
        headers: { 'content-type': type ?? 'application/json' },
      });
      expect(response.status, body).toBe(400);
      expect(await response.json(), body).toMatchObject({ error: { code: 'NC_API_BAD_REQUEST' } });
    }
    const issues = await t.call({ path: '/api/runs', key: t.keys.runnerA, json: { workflow: 42 } });
    expect(await issues.json()).toMatchObject({
      error: { details: { issues: [{ in: 'json', path: 'workflow' }] } },
    });
    const verify = await t.call({
      path: '/api/certificates/verify',
      key: t.keys.adminA,
      body: '{"envelope":',
      headers: { 'content-type': 'application/json' },
    });
    expect(verify.status).toBe(400);
    // Validation reports a broken file as data: 200 with the parse error and its position.
    const validate = await t.call({
      path: '/api/workflows/validate',
      key: t.keys.adminA,
      body: '{"envelope":',
    });
    expect(validate.status).toBe(200);
    expect(await validate.json()).toMatchObject({
      ok: false,
      errors: [{ code: 'NC_CFG_PARSE', location: { file: 'body' } }],
    });
  });

  it('answers inputs that fail the workflow schema with a coded 400 and the config errors as details', async () => {
    const t = await createTestApp();
    const response = await t.call({
      path: '/api/runs',
      key: t.keys.runnerA,
      json: { workflow: 'constraint-playground', profile: 'no-such-profile' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'NC_API_BAD_REQUEST', details: { errors: [{ code: 'NC_CFG_UNKNOWN_PROFILE' }] } },
    });
  });

  it('answers a body over the limit with 413 NC_API_PAYLOAD_TOO_LARGE', async () => {
    const t = await createTestApp({ app: { bodyLimitBytes: 1000 } });
    const response = await t.call({
      path: '/api/runs',
      key: t.keys.runnerA,
      json: { workflow: 'constraint-playground', inputs: { product: 'x'.repeat(2000) } },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'NC_API_PAYLOAD_TOO_LARGE' } });
  });

  it('rate-limits each key with 429 NC_API_RATE_LIMITED and Retry-After, other keys unaffected', async () => {
    let now = 0;
    const t = await createTestApp({
      app: { rateLimit: { burst: 3, perSecond: 1, maxKeys: 10, now: () => now } },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.call({ path: '/api/runs', key: t.keys.auditorA })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.call({ path: '/api/runs', key: t.keys.auditorA });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ error: { code: 'NC_API_RATE_LIMITED' } });
    expect((await t.call({ path: '/api/runs', key: t.keys.runnerB })).status).toBe(200);
    now += 1000;
    expect((await t.call({ path: '/api/runs', key: t.keys.auditorA })).status).toBe(200);
  });

  it('sets security headers, and CORS headers only for configured origins', async () => {
    const t = await createTestApp({ app: { corsOrigins: ['https://ok.example'] } });
    const allowed = await t.call({ path: '/healthz', headers: { origin: 'https://ok.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ok.example');
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const other = await t.call({ path: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const none = await createTestApp();
    const plain = await none.call({ path: '/healthz', headers: { origin: 'https://ok.example' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('createApp: health, metrics and the OpenAPI document', () => {
  it('serves /healthz and /readyz without a key', async () => {
    const t = await createTestApp();
    expect(await (await t.call({ path: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect(await (await t.call({ path: '/readyz' })).json()).toEqual({ status: 'ready' });
    await t.store.close();
    const closed = await createTestApp();
    closed.store.listRuns = () => Promise.reject(new Error('down'));
    expect((await closed.call({ path: '/readyz' })).status).toBe(503);
  });

  it('serves Prometheus metrics with runs by outcome and request counts to admins', async () => {
    const t = await createTestApp();
    await t.call({ path: '/api/runs', key: t.keys.runnerA, json: { workflow: 'constraint-playground' } });
    const response = await t.call({ path: '/metrics', key: t.keys.adminA });
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^nanocode_runs_total\{outcome="[a-z_]+"\} 1$/m);
    expect(text).toContain('nanocode_http_requests_total{method="POST",route="/api/runs",status="200"} 1');
    expect(text).toMatch(
      /nanocode_http_request_duration_seconds_bucket\{method="POST",route="\/api\/runs",le="\+Inf"\} 1/,
    );
  });

  it('serves a valid OpenAPI 3.1 document listing every route, and a docs page', async () => {
    const t = await createTestApp();
    const document = (await (await t.call({ path: '/openapi.json' })).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const routes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/runs',
        'GET /api/runs',
        'GET /api/runs/{id}',
        'POST /api/runs/{id}/cancel',
        'GET /api/runs/{id}/events',
        'GET /api/runs/{id}/certificate',
        'POST /api/certificates/verify',
        'GET /api/workflows',
        'GET /api/workflows/{name}',
        'POST /api/workflows/validate',
        'GET /api/profiles',
        'GET /api/profiles/{name}',
        'PUT /api/profiles/{name}',
        'DELETE /api/profiles/{name}',
        'PUT /api/profiles/{name}/waivers/{constraint}',
        'DELETE /api/profiles/{name}/waivers/{constraint}',
        'GET /api/policy',
        'GET /api/policy/versions/{version}',
        'GET /api/policy/audit',
        'GET /api/evals',
        'GET /api/evals/{id}',
        'GET /api/adapters/health',
        'GET /api/log/checkpoint',
        'GET /api/log/inclusion/{run_id}',
        'GET /api/log/consistency',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
      ]),
    );
    const page = await (await t.call({ path: '/docs' })).text();
    expect(page).toContain('<code>/api/runs/{id}/certificate</code>');
    expect(page).toContain('href="/openapi.json"');
  });
});
