import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiFetch,
  apiRequest,
  asApiError,
  describeError,
  withQuery,
  writeApiKey,
} from './client.js';

/** A session storage for node, where the test runs. */
function stubSessionStorage(): void {
  const items = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (name: string, value: string) => items.set(name, value),
    removeItem: (name: string) => items.delete(name),
  });
}

function sent(fetch: ReturnType<typeof vi.fn>, call = 0): { url: string; init: RequestInit } {
  const [url, init] = fetch.mock.calls[call] as [string, RequestInit];
  return { url, init };
}

afterEach(() => vi.unstubAllGlobals());

describe('API client', () => {
  it('sends the bearer key only once one is set, and JSON bodies as JSON', async () => {
    stubSessionStorage();
    const fetch = vi.fn(async () => Response.json({ ok: true }));
    vi.stubGlobal('fetch', fetch);
    expect(await apiFetch('/api/workflows')).toEqual({ ok: true });
    expect(sent(fetch).init.headers).toEqual({ accept: 'application/json' });
    expect(sent(fetch).init.method).toBe('GET');
    writeApiKey('nck_secret');
    await apiFetch('/api/runs', { body: { workflow: 'w' } });
    const post = sent(fetch, 1);
    expect(post.init.method).toBe('POST');
    expect(post.init.body).toBe('{"workflow":"w"}');
    expect(post.init.headers).toEqual({
      accept: 'application/json',
      authorization: 'Bearer nck_secret',
      'content-type': 'application/json',
    });
    writeApiKey('');
    await apiRequest('/api/workflows/validate', {
      body: 'a: 1',
      headers: { 'content-type': 'application/yaml' },
    });
    expect(sent(fetch, 2).init.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/yaml',
    });
    expect(sent(fetch, 2).init.body).toBe('a: 1');
  });

  it("turns a failed reply into an ApiError with the server's code, or the status when there is none", async () => {
    const body = { error: { code: 'NC_API_INVALID', message: 'bad filter', details: { issues: [] } } };
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(Response.json(body, { status: 400 }))
        .mockResolvedValueOnce(
          new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
        ),
    );
    await expect(apiFetch('/api/runs')).rejects.toMatchObject({
      name: 'ApiError',
      status: 400,
      code: 'NC_API_INVALID',
      message: 'bad filter',
      details: { issues: [] },
    });
    await expect(apiRequest('/api/runs')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: '502 Bad Gateway',
      body: '<html>bad gateway</html>',
    });
  });

  it('says the server could not be reached, and lets an abort through as it is', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const failure = apiFetch('/api/workflows');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new DOMException('aborted', 'AbortError');
      }),
    );
    await expect(apiFetch('/api/workflows')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/runs', { workflow: 'w x', outcome: undefined, step: '', limit: 25 })).toBe(
      '/api/runs?workflow=w+x&limit=25',
    );
    expect(withQuery('/api/evals', {})).toBe('/api/evals');
  });

  it('describes any failure in one line, with the code when it has one', () => {
    const api = new ApiError({ status: 404, code: 'NC_API_NOT_FOUND', message: 'no run r9' });
    expect(describeError(api)).toBe('NC_API_NOT_FOUND: no run r9');
    expect(describeError(new TypeError('x is undefined'))).toBe('x is undefined');
    expect(describeError('odd')).toBe('odd');
    expect(asApiError(api)).toBe(api);
    expect(asApiError(new Error('boom'))).toMatchObject({ status: 0, code: 'CLIENT', message: 'boom' });
  });

  it('says a 2xx reply that is not JSON is a bad reply, rather than handing its text on', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () => new Response('<!doctype html><p>index</p>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    await expect(apiFetch('/api/workflows')).rejects.toMatchObject({
      name: 'ApiError',
      status: 200,
      code: 'BAD_REPLY',
      message: 'the reply to /api/workflows is not JSON (text/html)',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    expect(await apiFetch('/api/runs/r1/cancel', { method: 'POST' })).toBeUndefined();
  });

  it('calls only same-origin API paths, so the key goes nowhere else', async () => {
    stubSessionStorage();
    writeApiKey('nck_secret');
    const fetch = vi.fn(async () => Response.json({}));
    vi.stubGlobal('fetch', fetch);
    for (const path of [
      'https://elsewhere.example/api/runs',
      '//elsewhere.example/api/runs',
      '/v1/chat',
      'api/runs',
    ]) {
      await expect(apiFetch(path)).rejects.toMatchObject({ code: 'CLIENT' });
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});
