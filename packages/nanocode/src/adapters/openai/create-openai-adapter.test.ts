import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Adapter, AdapterError, type ModelRequest, type StreamChunk } from '../../spec/adapter.js';
import type { FakeProvider } from '../../testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../../testing/fake-provider/start-fake-provider.js';
import { createOpenAIAdapter, type OpenAIAdapterOptions } from './create-openai-adapter.js';

const KEY = 'sk-test-SENTINEL-openai-0001';
const request: ModelRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hi.' },
  ],
  response_format: { type: 'text' },
  context: { run_id: 'r', step: 's', attempt: 1 },
};
const live = { signal: new AbortController().signal };

let fake: FakeProvider | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function adapterFor(
  script: Parameters<typeof startFakeProvider>[0] extends infer O
    ? O extends { script?: infer S }
      ? S
      : never
    : never,
  options: Partial<OpenAIAdapterOptions> = {},
) {
  fake = await startFakeProvider({ script, log: false });
  return createOpenAIAdapter({
    model: 'gpt-4o-mini',
    baseUrl: `${fake.url}/v1`,
    apiKey: KEY,
    connectTimeoutMs: 5_000,
    totalTimeoutMs: 10_000,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  expect(String((error as Error).message)).not.toContain(KEY);
  return error as AdapterError;
}

function streamOf(adapter: Adapter): AsyncIterable<StreamChunk> {
  if (adapter.stream === undefined) throw new Error('the adapter does not stream');
  return adapter.stream(request, live);
}

async function drain(stream: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('createOpenAIAdapter against the fake provider', () => {
  it('answers a plain request with provider usage, price and the wire fields it was given', async () => {
    const adapter = await adapterFor([{ reply: 'Hi!', usage: { input: 12, output: 3 } }], {
      prices: { 'gpt-4o-mini': { input_per_mtok: 1, output_per_mtok: 2 } },
    });
    const response = await adapter.generate(
      { ...request, temperature: 0.2, max_tokens: 50, seed: 7, stop: ['END'] },
      live,
    );
    expect(response).toMatchObject({
      text: 'Hi!',
      finish_reason: 'stop',
      usage: { input_tokens: 12, output_tokens: 3 },
    });
    expect(response.cost_usd).toBe(0.000018);
    expect(response.usage_estimated).toBeUndefined();
    const sent = fake?.requests[0];
    expect(sent).toMatchObject({ route: 'openai', authorized: true });
    expect(sent?.body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 50,
      seed: 7,
      stop: ['END'],
      messages: request.messages,
    });
    expect(sent?.body).not.toHaveProperty('response_format');
    expect(JSON.stringify(fake?.requests)).not.toContain(KEY);
  });

  it('leaves cost unknown without a price and estimates missing usage, marked', async () => {
    const adapter = await adapterFor([{ reply: 'abcdefgh', usage: 'omit' }]);
    const response = await adapter.generate(request, live);
    expect(response.cost_usd).toBeUndefined();
    expect(response.usage_estimated).toBe(true);
    // ceil(16 prompt chars / 4), ceil(8 reply chars / 4)
    expect(response.usage).toEqual({ input_tokens: 4, output_tokens: 2 });
  });

  it('maps json and json_schema response formats', async () => {
    const adapter = await adapterFor([{ reply: '{"a":1}' }, { reply: '{"a":2}' }]);
    const json = await adapter.generate({ ...request, response_format: { type: 'json' } }, live);
    expect(JSON.parse(json.text)).toEqual({ a: 1 });
    const schema = { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] };
    await adapter.generate(
      { ...request, response_format: { type: 'json_schema', name: 'thing', schema } },
      live,
    );
    expect(fake?.requests[0]?.body).toHaveProperty('response_format');
    expect((fake?.requests[0]?.body as Record<string, unknown>)?.response_format).toEqual({
      type: 'json_object',
    });
    expect((fake?.requests[1]?.body as Record<string, unknown>)?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'thing', schema, strict: true },
    });
  });

  it('streams deltas and ends with the assembled response and usage', async () => {
    const adapter = await adapterFor([{ reply: 'one two three four', usage: { input: 4, output: 4 } }]);
    const chunks = await drain(streamOf(adapter));
    const deltas = chunks.filter((c) => c.type === 'delta').map((c) => (c.type === 'delta' ? c.text : ''));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('one two three four');
    const done = chunks.at(-1);
    expect(done?.type).toBe('done');
    expect(done?.type === 'done' ? done.response : undefined).toMatchObject({
      text: 'one two three four',
      finish_reason: 'stop',
      usage: { input_tokens: 4, output_tokens: 4 },
    });
    expect(fake?.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('reports length finishes', async () => {
    const adapter = await adapterFor([{ reply: 'cut', finish: 'length' }]);
    expect((await adapter.generate(request, live)).finish_reason).toBe('length');
  });

  it.each([
    [
      { status: 429, retryAfter: 2 } as const,
      { code: 'rate_limited', retryable: true, status: 429, retry_after_ms: 2000 },
    ],
    [{ status: 500 } as const, { code: 'unavailable', retryable: true, status: 500 }],
    [{ status: 503 } as const, { code: 'unavailable', retryable: true, status: 503 }],
    [{ status: 408 } as const, { code: 'timeout', retryable: true, status: 408 }],
    [{ status: 409 } as const, { code: 'unavailable', retryable: true, status: 409 }],
    [
      { status: 400, errorType: 'context_length_exceeded' } as const,
      { code: 'context_length', retryable: false, status: 400 },
    ],
    [{ status: 400 } as const, { code: 'bad_request', retryable: false, status: 400 }],
    [{ status: 401 } as const, { code: 'auth', retryable: false, status: 401 }],
    [{ status: 404 } as const, { code: 'not_found', retryable: false, status: 404 }],
  ])('maps HTTP %j to an AdapterError', async (behaviour, expected) => {
    const adapter = await adapterFor([behaviour]);
    expect(await failure(adapter.generate(request, live))).toMatchObject(expected);
  });

  it('turns a content filter into content_filter, and malformed JSON into bad_response', async () => {
    const adapter = await adapterFor([
      { contentFilter: true },
      { malformedJson: true },
      { malformedJson: true },
    ]);
    expect(await failure(adapter.generate(request, live))).toMatchObject({
      code: 'content_filter',
      retryable: false,
    });
    expect(await failure(adapter.generate(request, live))).toMatchObject({
      code: 'bad_response',
      retryable: false,
    });
    expect(await failure(drain(streamOf(adapter)))).toMatchObject({
      code: 'bad_response',
    });
  });

  it('times out a hung provider with a retryable timeout', async () => {
    const adapter = await adapterFor([{ hang: true }], { totalTimeoutMs: 150 });
    expect(await failure(adapter.generate(request, live))).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });

  it('reports a stream cut before [DONE] as retryable unavailable', async () => {
    const adapter = await adapterFor([{ cutStreamAfterChunks: 2 }]);
    expect(await failure(drain(streamOf(adapter)))).toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
  });

  it('reports a refused connection as retryable unavailable', async () => {
    fake = await startFakeProvider({ log: false });
    const url = `${fake.url}/v1`;
    await fake.close();
    fake = undefined;
    const adapter = createOpenAIAdapter({
      model: 'm',
      baseUrl: url,
      connectTimeoutMs: 2_000,
      totalTimeoutMs: 2_000,
    });
    expect(await failure(adapter.generate(request, live))).toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
  });
});

describe('aborting a streamed call', () => {
  it('rejects with aborted and closes the socket the server is writing to', async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    // A server that sends one chunk and then keeps the stream open, so only our abort can end it.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        `data: ${JSON.stringify({ model: 'm', choices: [{ index: 0, delta: { content: 'Hel' } }] })}\n\n`,
      );
      res.on('close', () => closed());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const adapter = createOpenAIAdapter({
        model: 'm',
        baseUrl: `http://127.0.0.1:${port}/v1`,
        connectTimeoutMs: 5_000,
        totalTimeoutMs: 30_000,
      });
      const controller = new AbortController();
      const seen: string[] = [];
      const run = (async () => {
        if (adapter.stream === undefined) throw new Error('no stream');
        for await (const chunk of adapter.stream(request, { signal: controller.signal })) {
          if (chunk.type === 'delta') {
            seen.push(chunk.text);
            controller.abort();
          }
        }
      })();
      expect(await failure(run)).toMatchObject({ code: 'aborted', retryable: false });
      expect(seen).toEqual(['Hel']);
      await socketClosed;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
