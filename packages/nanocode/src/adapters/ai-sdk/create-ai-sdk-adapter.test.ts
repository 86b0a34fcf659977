import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { AdapterError, type ModelRequest, type StreamChunk } from '../../spec/adapter.js';
import { createAiSdkAdapter } from './create-ai-sdk-adapter.js';

const usage = (input: number | undefined, output: number | undefined): LanguageModelV3Usage => ({
  inputTokens: { total: input, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: undefined, reasoning: undefined },
});

const request = (more: Partial<ModelRequest> = {}): ModelRequest => ({
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello' },
    { role: 'user', content: 'Again' },
  ],
  response_format: { type: 'text' },
  context: { run_id: 'r', step: 's', attempt: 1 },
  ...more,
});

const signal = () => new AbortController().signal;

function generating(text: string, more: { input?: number; output?: number; finish?: string } = {}) {
  return new MockLanguageModelV3({
    provider: 'mock.chat',
    modelId: 'mock-1',
    doGenerate: {
      content: [{ type: 'text', text }],
      finishReason: { unified: (more.finish ?? 'stop') as 'stop', raw: undefined },
      usage: usage(more.input ?? 7, more.output ?? 3),
      response: { modelId: 'mock-1-2025' },
      warnings: [],
    },
  });
}

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

describe('createAiSdkAdapter', () => {
  it('maps a plain call: prompt, settings, text, usage, finish, model and price', async () => {
    const model = generating('Hi there', { finish: 'length' });
    const adapter = createAiSdkAdapter({
      model,
      prices: { 'mock-1': { input_per_mtok: 1, output_per_mtok: 2 } },
    });
    expect(adapter).toMatchObject({ spec: 'nanocode.adapter/v1', provider: 'mock.chat', model: 'mock-1' });
    const response = await adapter.generate(
      request({ temperature: 0.2, max_tokens: 50, seed: 7, stop: ['END'] }),
      { signal: signal() },
    );
    expect(response).toMatchObject({
      text: 'Hi there',
      finish_reason: 'length',
      usage: { input_tokens: 7, output_tokens: 3 },
      model: 'mock-1-2025',
    });
    expect(response.cost_usd).toBeCloseTo(13e-6, 12);
    expect(response.usage_estimated).toBeUndefined();
    const call = model.doGenerateCalls[0];
    expect(call?.prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
    expect(call).toMatchObject({ temperature: 0.2, maxOutputTokens: 50, seed: 7, stopSequences: ['END'] });
    expect(call?.responseFormat).toBeUndefined();
    expect(call?.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it('leaves cost unknown without prices, names the provider as told, and estimates missing usage', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: {
        content: [{ type: 'text', text: '12345678' }],
        finishReason: { unified: 'content-filter', raw: 'x' },
        usage: usage(undefined, undefined),
        warnings: [],
      },
    });
    const adapter = createAiSdkAdapter({ model, provider: 'mine' });
    expect(adapter.provider).toBe('mine');
    const response = await adapter.generate(request(), { signal: signal() });
    expect('cost_usd' in response).toBe(false);
    expect(response.usage_estimated).toBe(true);
    expect(response.usage).toEqual({ input_tokens: 6, output_tokens: 2 });
    expect(response.finish_reason).toBe('content_filter');
    expect(response.model).toBe('mock-model-id');
  });

  it('asks for JSON, with the schema and its name when one is given', async () => {
    const model = generating('{"a":1}');
    const adapter = createAiSdkAdapter({ model });
    await adapter.generate(request({ response_format: { type: 'json' } }), { signal: signal() });
    const schema = { type: 'object', required: ['a'] };
    await adapter.generate(request({ response_format: { type: 'json_schema', name: 'thing', schema } }), {
      signal: signal(),
    });
    expect(model.doGenerateCalls[0]?.responseFormat).toEqual({ type: 'json' });
    expect(model.doGenerateCalls[1]?.responseFormat).toEqual({ type: 'json', name: 'thing', schema });
  });

  it('streams text deltas, then one done chunk with the assembled response', async () => {
    const parts: LanguageModelV3StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', modelId: 'streamed-1' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'text-end', id: 't' },
      { type: 'finish', usage: usage(4, 2), finishReason: { unified: 'stop', raw: 'stop' } },
    ];
    const model = new MockLanguageModelV3({ doStream: { stream: convertArrayToReadableStream(parts) } });
    const adapter = createAiSdkAdapter({ model });
    const chunks = await collect(adapter.stream!(request(), { signal: signal() }));
    expect(chunks.slice(0, 2)).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
    ]);
    expect(chunks[2]).toMatchObject({
      type: 'done',
      response: { text: 'Hello', usage: { input_tokens: 4, output_tokens: 2 }, model: 'streamed-1' },
    });
    expect(chunks).toHaveLength(3);
  });

  it('rejects a stream that errors mid-way, or ends without a finish part', async () => {
    const failing = new MockLanguageModelV3({
      doStream: {
        stream: convertArrayToReadableStream<LanguageModelV3StreamPart>([
          { type: 'text-delta', id: 't', delta: 'par' },
          { type: 'error', error: new Error('provider broke') },
        ]),
      },
    });
    const broken = await rejection(
      collect(createAiSdkAdapter({ model: failing }).stream!(request(), { signal: signal() })),
    );
    expect(broken).toMatchObject({ code: 'unknown', message: 'provider broke' });
    const cut = new MockLanguageModelV3({
      doStream: {
        stream: convertArrayToReadableStream<LanguageModelV3StreamPart>([
          { type: 'text-delta', id: 't', delta: 'par' },
        ]),
      },
    });
    const error = await rejection(
      collect(createAiSdkAdapter({ model: cut }).stream!(request(), { signal: signal() })),
    );
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('maps an APICallError 429 with retry-after to a retryable rate_limited error', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new APICallError({
          message: 'slow down',
          url: 'https://example.test',
          requestBodyValues: {},
          statusCode: 429,
          responseHeaders: { 'Retry-After': '2' },
        });
      },
    });
    const error = await rejection(createAiSdkAdapter({ model }).generate(request(), { signal: signal() }));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, status: 429, retry_after_ms: 2000 });
  });

  it.each([
    [401, 'auth', false],
    [404, 'not_found', false],
    [400, 'bad_request', false],
    [503, 'unavailable', true],
    [408, 'timeout', true],
  ] as const)('maps APICallError status %i to %s', async (statusCode, code, retryable) => {
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new APICallError({ message: 'no', url: 'u', requestBodyValues: {}, statusCode });
      },
    });
    const error = await rejection(createAiSdkAdapter({ model }).generate(request(), { signal: signal() }));
    expect(error).toMatchObject({ code, retryable, status: statusCode });
    expect(error.retry_after_ms).toBeUndefined();
  });

  it('trusts the SDK when it marks an error retryable, and classifies other throws as unknown', async () => {
    const network = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new APICallError({ message: 'socket', url: 'u', requestBodyValues: {}, isRetryable: true });
      },
    });
    expect(
      await rejection(createAiSdkAdapter({ model: network }).generate(request(), { signal: signal() })),
    ).toMatchObject({ code: 'unavailable', retryable: true });
    const odd = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new TypeError('bug');
      },
    });
    expect(
      await rejection(createAiSdkAdapter({ model: odd }).generate(request(), { signal: signal() })),
    ).toMatchObject({ code: 'unknown', retryable: false, message: 'bug' });
  });

  it('passes the abort signal and reports aborted calls as aborted', async () => {
    const controller = new AbortController();
    const model = new MockLanguageModelV3({
      doGenerate: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener('abort', () =>
            reject(new DOMException('gone', 'AbortError')),
          );
          controller.abort();
        }),
    });
    const error = await rejection(
      createAiSdkAdapter({ model }).generate(request(), { signal: controller.signal }),
    );
    expect(error).toMatchObject({ code: 'aborted', retryable: false });
  });

  it('stops a stream that ignores the signal when the call is aborted', async () => {
    const controller = new AbortController();
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(c) {
        c.enqueue({ type: 'text-delta', id: 't', delta: 'first' });
      },
    });
    const model = new MockLanguageModelV3({ doStream: { stream } });
    const seen: StreamChunk[] = [];
    const run = (async () => {
      for await (const chunk of createAiSdkAdapter({ model }).stream!(request(), {
        signal: controller.signal,
      })) {
        seen.push(chunk);
        controller.abort();
      }
    })();
    expect(await rejection(run)).toMatchObject({ code: 'aborted' });
    expect(seen).toEqual([{ type: 'delta', text: 'first' }]);
  });
});
