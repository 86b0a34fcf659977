import { afterEach, describe, expect, it } from 'vitest';
import { AdapterError, type ModelRequest } from '../../spec/adapter.js';
import type { FakeBehaviour, FakeProvider } from '../../testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../../testing/fake-provider/start-fake-provider.js';
import { createHttpAdapter, type HttpEndpoint } from './create-http-adapter.js';
import { renderBodyTemplate } from './render-body-template.js';

const endpoint: HttpEndpoint = {
  method: 'POST',
  body: { prompt: '{{ prompt }}', max_tokens: '{{ max_tokens }}', note: 'for {{ model }}' },
  response: {
    text: 'output.text',
    input_tokens: 'meta.tokens_in',
    output_tokens: 'meta.tokens_out',
    finish_reason: 'meta.finish',
  },
};
const request: ModelRequest = {
  messages: [{ role: 'user', content: 'Say "hi"\n}, "injected": true' }],
  response_format: { type: 'text' },
  max_tokens: 20,
  context: { run_id: 'r', step: 's', attempt: 1 },
};
const live = { signal: new AbortController().signal };

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function adapterFor(script: FakeBehaviour[], overrides: Partial<HttpEndpoint> = {}) {
  fake = await startFakeProvider({ script, log: false });
  return createHttpAdapter({
    provider: 'custom',
    model: 'house-model',
    url: `${fake.url}/custom/generate`,
    endpoint: { ...endpoint, ...overrides },
    headers: { 'x-token': 'header-secret-123' },
    secrets: ['header-secret-123'],
    prices: { 'house-model': { input_per_mtok: 10, output_per_mtok: 10 } },
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 10_000,
  });
}

describe('createHttpAdapter against the fake /custom/generate endpoint', () => {
  it('fills the body template as JSON values and reads text, usage and finish from the declared paths', async () => {
    const adapter = await adapterFor([{ reply: 'hello', usage: { input: 9, output: 2 }, finish: 'length' }]);
    const response = await adapter.generate(request, live);
    expect(response).toMatchObject({
      text: 'hello',
      finish_reason: 'length',
      usage: { input_tokens: 9, output_tokens: 2 },
      model: 'house-model',
      cost_usd: 0.00011,
    });
    expect(response.usage_estimated).toBeUndefined();
    // The prompt's quotes and braces stay inside the string: the body keeps its shape.
    expect(fake?.requests[0]?.body).toEqual({
      prompt: 'Say "hi"\n}, "injected": true',
      max_tokens: 20,
      note: 'for house-model',
    });
    expect(fake?.requests[0]?.headers['x-token']).toBe('header-secret-123');
  });

  it('estimates usage, marked, when the paths find no counts', async () => {
    const adapter = await adapterFor([{ reply: 'abcd', usage: 'omit' }]);
    const response = await adapter.generate(request, live);
    expect(response.usage_estimated).toBe(true);
    expect(response.usage.output_tokens).toBe(1);
  });

  it('fails with bad_response when the text path finds no string, or the body is not JSON', async () => {
    const adapter = await adapterFor([{ reply: 'x' }, { malformedJson: true }], {
      response: { text: 'output.missing' },
    });
    await expect(adapter.generate(request, live)).rejects.toMatchObject({ code: 'bad_response' });
    await expect(adapter.generate(request, live)).rejects.toMatchObject({ code: 'bad_response' });
  });

  it.each([
    [
      { status: 429, retryAfter: 1 } as const,
      { code: 'rate_limited', retry_after_ms: 1000, retryable: true },
    ],
    [{ status: 503 } as const, { code: 'unavailable', retryable: true }],
    [{ status: 401, message: 'bad token header-secret-123' } as const, { code: 'auth', retryable: false }],
    [{ status: 404 } as const, { code: 'not_found', retryable: false }],
  ])('maps %j to an AdapterError without secrets', async (behaviour, expected) => {
    const adapter = await adapterFor([behaviour]);
    const error = await adapter.generate(request, live).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject(expected);
    expect((error as Error).message).not.toContain('header-secret-123');
  });

  it('times out a hung endpoint', async () => {
    fake = await startFakeProvider({ script: [{ hang: true }], log: false });
    const adapter = createHttpAdapter({
      provider: 'custom',
      model: 'm',
      url: `${fake.url}/custom/generate`,
      endpoint,
      connectTimeoutMs: 100,
      totalTimeoutMs: 5_000,
    });
    await expect(adapter.generate(request, live)).rejects.toMatchObject({ code: 'timeout', retryable: true });
  });
});

describe('renderBodyTemplate', () => {
  it('keeps numbers and arrays as JSON values and drops undefined ones', () => {
    expect(
      renderBodyTemplate({
        template: { a: '{{ max_tokens }}', b: ['{{ stop }}'], c: '{{ seed }}', d: 'n={{ max_tokens }}' },
        values: { max_tokens: 5, stop: ['x'], seed: undefined },
      }),
    ).toEqual({ a: 5, b: [['x']], d: 'n=5' });
  });

  it('rejects unknown placeholders instead of evaluating them', () => {
    expect(() => renderBodyTemplate({ template: { a: '{{ process.env }}' }, values: {} })).toThrow(TypeError);
  });
});
