import Anthropic, { BadRequestError, InternalServerError, RateLimitError } from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeProvider } from './fake-provider-types.js';
import { parseSse, postJson, readUntilCut } from './sse.test-util.js';
import { startFakeProvider } from './start-fake-provider.js';

const KEY = 'sk-ant-test-fake-provider-key';
const PARAMS = {
  model: 'claude-test',
  max_tokens: 200,
  messages: [{ role: 'user' as const, content: 'Say hello.' }],
};

let fake: FakeProvider;
let client: Anthropic;

beforeEach(async () => {
  fake = await startFakeProvider({ defaultReply: 'Hello from the fake.' });
  client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => fake.close());

describe('the official Anthropic client against the fake provider', () => {
  it('parses a plain message with stop_reason and usage', async () => {
    fake.enqueue({ reply: 'Hi there, Ada.', usage: { input: 12, output: 5 } });
    const message = await client.messages.create(PARAMS);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text: 'Hi there, Ada.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 12, output_tokens: 5 },
    });
    expect(message.id).toMatch(/^msg_/);
  });

  it('streams with the message helper: deltas join to the reply, final usage and stop reason', async () => {
    fake.enqueue({ reply: 'one two three four', usage: { input: 7, output: 4 } });
    const stream = client.messages.stream(PARAMS);
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe('one two three four');
    expect(message.content).toEqual([{ type: 'text', text: 'one two three four' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 7, output_tokens: 4 });
  });

  it('streams the events in the documented order (create with stream: true)', async () => {
    const stream = await client.messages.create({ ...PARAMS, stream: true });
    const types: string[] = [];
    for await (const event of stream) {
      if (types.at(-1) !== event.type || event.type !== 'content_block_delta') types.push(event.type);
    }
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const raw = await postJson({
      url: `${fake.url}/v1/messages`,
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      body: { ...PARAMS, stream: true },
    });
    const events = parseSse({ text: await raw.text() }).map((frame) => frame.event);
    expect(events).toContain('ping');
    expect(events.at(-1)).toBe('message_stop');
  });

  it('maps finishes: length to max_tokens, a content filter to refusal', async () => {
    fake.enqueue({ reply: 'cut here', finish: 'length' }, { contentFilter: true });
    expect((await client.messages.create(PARAMS)).stop_reason).toBe('max_tokens');
    const refused = await client.messages.create(PARAMS);
    expect(refused.stop_reason).toBe('refusal');
    expect(refused.content).toEqual([]);
  });

  it('gets RateLimitError (with Retry-After), OverloadedError for 529 and BadRequestError for 400', async () => {
    fake.enqueue(
      { status: 429, retryAfter: 3 },
      { status: 529 },
      { status: 400, errorType: 'context_length_exceeded' },
    );
    const limited = await client.messages.create(PARAMS).catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    const overloaded = await client.messages.create(PARAMS).catch((e) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    expect(overloaded).toBeInstanceOf(InternalServerError);
    expect(overloaded.status).toBe(529);
    expect(overloaded.error).toMatchObject({ error: { type: 'overloaded_error' } });
    const tooLong = await client.messages.create(PARAMS).catch((e) => e);
    expect(tooLong).toBeInstanceOf(BadRequestError);
    expect(tooLong.error.error.message).toMatch(/prompt is too long/);
  });

  it('requires anthropic-version, a key and max_tokens, answering in the error shape', async () => {
    const url = `${fake.url}/v1/messages`;
    const noVersion = await postJson({ url, headers: { 'x-api-key': KEY }, body: PARAMS });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    const noKey = await postJson({ url, headers: { 'anthropic-version': '2023-06-01' }, body: PARAMS });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const { max_tokens: _, ...withoutMax } = PARAMS;
    const error = await client.messages.create(withoutMax as typeof PARAMS).catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(fake.requests.every((r) => !JSON.stringify(r).includes(KEY))).toBe(true);
  });

  it('cuts a stream after n deltas: the helper fails and message_stop never comes', async () => {
    fake.enqueue({ cutStreamAfterChunks: 1 }, { cutStreamAfterChunks: 1 });
    await expect(client.messages.stream(PARAMS).finalMessage()).rejects.toThrow();
    const raw = await readUntilCut({
      response: await postJson({
        url: `${fake.url}/v1/messages`,
        headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
        body: { ...PARAMS, stream: true },
      }),
    });
    expect(raw.complete).toBe(false);
    const events = parseSse({ text: raw.text }).map((frame) => frame.event);
    expect(events).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta']);
  });

  it('hangs until the client times out', async () => {
    fake.enqueue({ hang: true });
    const error = await client.messages.create(PARAMS, { timeout: 150 }).catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
  });
});
