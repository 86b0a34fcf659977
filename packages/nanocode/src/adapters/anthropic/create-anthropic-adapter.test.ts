import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError, type ModelRequest, type StreamChunk } from '../../spec/adapter.js';
import type { FakeProvider } from '../../testing/fake-provider/fake-provider-types.js';
import { startFakeProvider } from '../../testing/fake-provider/start-fake-provider.js';
import { ANTHROPIC_DEFAULTS, createAnthropicAdapter } from './create-anthropic-adapter.js';

const KEY = 'sk-ant-test-secret-123';

const request = (more: Partial<ModelRequest> = {}): ModelRequest => ({
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ],
  response_format: { type: 'text' },
  context: { run_id: 'r', step: 's', attempt: 1 },
  ...more,
});

async function collect(chunks: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const all: StreamChunk[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

let fake: FakeProvider;
const signal = () => new AbortController().signal;
const adapter = (more: Partial<Parameters<typeof createAnthropicAdapter>[0]> = {}) =>
  createAnthropicAdapter({ model: 'claude-test', baseUrl: fake.url, apiKey: KEY, ...more });

beforeEach(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await fake.close();
});

describe('createAnthropicAdapter: requests and replies', () => {
  it('sends a Messages request: top-level system, headers, max_tokens, stop and temperature', async () => {
    fake.enqueue({ reply: 'Hello!', usage: { input: 12, output: 3 } });
    const response = await adapter({
      headers: { 'x-extra': 'yes' },
      prices: { 'claude-test': { input_per_mtok: 1, output_per_mtok: 5 } },
    }).generate(request({ temperature: 0.3, stop: ['END'], seed: 9 }), { signal: signal() });
    expect(response).toMatchObject({
      text: 'Hello!',
      finish_reason: 'stop',
      usage: { input_tokens: 12, output_tokens: 3 },
      model: 'claude-test',
    });
    expect(response.cost_usd).toBeCloseTo(27e-6, 12);
    expect(response.usage_estimated).toBeUndefined();
    const sent = fake.requests[0];
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.authorized).toBe(true);
    expect(sent?.headers['anthropic-version']).toBe(ANTHROPIC_DEFAULTS.version);
    expect(sent?.headers['x-extra']).toBe('yes');
    expect(sent?.body).toEqual({
      model: 'claude-test',
      max_tokens: ANTHROPIC_DEFAULTS.maxTokensDefault,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.3,
      stop_sequences: ['END'],
    });
  });

  it('asks for JSON through a system suffix and returns the JSON text', async () => {
    fake.enqueue({ reply: '{"answer":"42"}' });
    const schema = { type: 'object', required: ['answer'] };
    const response = await adapter().generate(
      request({ response_format: { type: 'json_schema', name: 'reply', schema }, max_tokens: 64 }),
      { signal: signal() },
    );
    expect(JSON.parse(response.text)).toEqual({ answer: '42' });
    const body = fake.requests[0]?.body as { system: string; max_tokens: number };
    expect(body.max_tokens).toBe(64);
    expect(body.system.startsWith('Be brief.\n\nReply with one JSON value only')).toBe(true);
    expect(body.system).toContain(JSON.stringify(schema));
  });

  it('leaves cost unknown without a price and marks estimated usage when none is reported', async () => {
    fake.enqueue({ reply: 'abcdefgh', usage: 'omit' });
    const response = await adapter().generate(request(), { signal: signal() });
    expect('cost_usd' in response).toBe(false);
    expect(response.usage_estimated).toBe(true);
    expect(response.usage.output_tokens).toBe(2);
  });

  it.each([
    ['length', 'length'],
    ['content_filter', 'content_filter'],
  ] as const)('maps the stop reason of a %s finish', async (finish, expected) => {
    fake.enqueue({ reply: 'x', finish });
    expect((await adapter().generate(request(), { signal: signal() })).finish_reason).toBe(expected);
  });

  it('maps a refusal (content filter) to content_filter with no text', async () => {
    fake.enqueue({ contentFilter: true });
    const response = await adapter().generate(request(), { signal: signal() });
    expect(response).toMatchObject({ text: '', finish_reason: 'content_filter' });
  });

  it('streams text deltas, then one done chunk with usage and stop reason', async () => {
    const text = 'The quick brown fox jumps over the lazy dog, twice over.';
    fake.enqueue({ reply: text, usage: { input: 20, output: 14 } });
    const chunks = await collect(adapter().stream!(request(), { signal: signal() }));
    const deltas = chunks.filter((c) => c.type === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((c) => c.text).join('')).toBe(text);
    expect(chunks.at(-1)).toMatchObject({
      type: 'done',
      response: { text, finish_reason: 'stop', usage: { input_tokens: 20, output_tokens: 14 } },
    });
    expect(fake.requests[0]?.body).toMatchObject({ stream: true });
  });
});

describe('createAnthropicAdapter: failures', () => {
  it.each([
    [400, undefined, 'bad_request', false],
    [400, 'context_length_exceeded', 'context_length', false],
    [401, undefined, 'auth', false],
    [403, undefined, 'auth', false],
    [404, undefined, 'not_found', false],
    [408, undefined, 'timeout', true],
    [409, undefined, 'unavailable', true],
    [500, undefined, 'unavailable', true],
    [503, undefined, 'unavailable', true],
    [529, undefined, 'unavailable', true],
  ] as const)('maps HTTP %i (%s) to %s', async (status, errorType, code, retryable) => {
    fake.enqueue({ status, ...(errorType === undefined ? {} : { errorType }) });
    const error = await rejection(adapter().generate(request(), { signal: signal() }));
    expect(error).toMatchObject({ code, retryable, status });
    expect(error.message).toContain(`anthropic: HTTP ${status}`);
  });

  it('honours Retry-After on 429 and 529', async () => {
    fake.enqueue({ status: 429, retryAfter: 3 }, { status: 529, retryAfter: 1 });
    const limited = await rejection(adapter().generate(request(), { signal: signal() }));
    expect(limited).toMatchObject({ code: 'rate_limited', retryable: true, retry_after_ms: 3000 });
    const overloaded = await rejection(adapter().generate(request(), { signal: signal() }));
    expect(overloaded).toMatchObject({ code: 'unavailable', retryable: true, retry_after_ms: 1000 });
  });

  it('redacts the API key from an error message that echoes it', async () => {
    fake.enqueue({ status: 401, message: `bad key ${KEY}` });
    const error = await rejection(adapter().generate(request(), { signal: signal() }));
    expect(error.message).not.toContain(KEY);
    expect(error.code).toBe('auth');
  });

  it('reports malformed JSON as bad_response, whole or streamed', async () => {
    fake.enqueue({ malformedJson: true }, { malformedJson: true });
    expect(await rejection(adapter().generate(request(), { signal: signal() }))).toMatchObject({
      code: 'bad_response',
      retryable: false,
    });
    expect(await rejection(collect(adapter().stream!(request(), { signal: signal() })))).toMatchObject({
      code: 'bad_response',
    });
  });

  it('rejects a stream cut mid-way as a retryable unavailable, after the deltas it got', async () => {
    fake.enqueue({ reply: 'one two three four five six seven eight nine ten', cutStreamAfterChunks: 2 });
    const seen: StreamChunk[] = [];
    const run = (async () => {
      for await (const chunk of adapter().stream!(request(), { signal: signal() })) seen.push(chunk);
    })();
    expect(await rejection(run)).toMatchObject({ code: 'unavailable', retryable: true });
    expect(seen.every((c) => c.type === 'delta')).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('times out on a hang: connect timeout before headers', async () => {
    fake.enqueue({ hang: true });
    const error = await rejection(
      adapter({ connectTimeoutMs: 50, totalTimeoutMs: 5_000 }).generate(request(), { signal: signal() }),
    );
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('aborts a stream mid-way when the caller aborts', async () => {
    const controller = new AbortController();
    fake.enqueue({ reply: 'alpha beta gamma delta epsilon zeta eta theta iota kappa', delayMs: 0 });
    const seen: StreamChunk[] = [];
    const run = (async () => {
      for await (const chunk of adapter().stream!(request(), { signal: controller.signal })) {
        seen.push(chunk);
        controller.abort();
      }
    })();
    expect(await rejection(run)).toMatchObject({ code: 'aborted', retryable: false });
    expect(seen).toHaveLength(1);
  });

  it('is refused without a key (the fake, like the API, requires one)', async () => {
    const error = await rejection(
      createAnthropicAdapter({ model: 'claude-test', baseUrl: fake.url }).generate(request(), {
        signal: signal(),
      }),
    );
    expect(error).toMatchObject({ code: 'auth', status: 401 });
  });
});

describe('createAnthropicAdapter: error events mid-stream', () => {
  const sse = (events: [string, unknown][]) =>
    events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
  const fetchOf = (body: string) => async () =>
    new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });

  it.each([
    ['overloaded_error', 'unavailable', true],
    ['rate_limit_error', 'rate_limited', true],
    ['invalid_request_error', 'bad_request', false],
    ['mystery_error', 'unavailable', true],
  ] as const)('maps an %s event to %s', async (type, code, retryable) => {
    const body = sse([
      [
        'message_start',
        { type: 'message_start', message: { model: 'claude-test', usage: { input_tokens: 1 } } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      ],
      ['error', { type: 'error', error: { type, message: 'went wrong' } }],
    ]);
    const streaming = createAnthropicAdapter({ model: 'claude-test', fetch: fetchOf(body) });
    const error = await rejection(collect(streaming.stream!(request(), { signal: signal() })));
    expect(error).toMatchObject({ code, retryable });
    expect(error.message).toContain('went wrong');
  });

  it('reads cache tokens as input and a stop_sequence as stop', async () => {
    const body = sse([
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            model: 'claude-test-2',
            usage: { input_tokens: 2, cache_read_input_tokens: 5, output_tokens: 1 },
          },
        },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
      ],
      [
        'message_delta',
        { type: 'message_delta', delta: { stop_reason: 'stop_sequence' }, usage: { output_tokens: 4 } },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]);
    const chunks = await collect(
      createAnthropicAdapter({ model: 'claude-test', fetch: fetchOf(body) }).stream!(request(), {
        signal: signal(),
      }),
    );
    expect(chunks.at(-1)).toMatchObject({
      type: 'done',
      response: {
        text: 'ok',
        finish_reason: 'stop',
        model: 'claude-test-2',
        usage: { input_tokens: 7, output_tokens: 4 },
      },
    });
  });
});

describe('createAnthropicAdapter: naming and redaction', () => {
  it('takes a provider id and redacts extra secrets (header values) from errors', async () => {
    fake.enqueue({ status: 400, message: 'header proxy-token-xyz was rejected' });
    const named = adapter({ provider: 'claude-proxy', secrets: ['proxy-token-xyz'] });
    expect(named.provider).toBe('claude-proxy');
    const error = await rejection(named.generate(request(), { signal: signal() }));
    expect(error.message).toContain('claude-proxy: HTTP 400');
    expect(error.message).not.toContain('proxy-token-xyz');
  });
});
