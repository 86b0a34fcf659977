import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeProvider } from './fake-provider-types.js';
import { parseSse, postJson, readUntilCut } from './sse.test-util.js';
import { startFakeProvider } from './start-fake-provider.js';

const KEY = 'sk-test-fake-provider-key';
const MESSAGES = [{ role: 'user' as const, content: 'Say hello.' }];

let fake: FakeProvider;
let client: OpenAI;

beforeEach(async () => {
  fake = await startFakeProvider({ defaultReply: 'Hello from the fake.' });
  client = new OpenAI({ apiKey: KEY, baseURL: `${fake.url}/v1`, maxRetries: 0 });
});
afterEach(() => fake.close());

describe('the official openai client against the fake provider', () => {
  it('parses a plain completion with usage and metadata', async () => {
    fake.enqueue({ reply: 'Hi there, Ada.', usage: { input: 12, output: 5 } });
    const completion = await client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-test');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.system_fingerprint).toEqual(expect.any(String));
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Hi there, Ada.' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 });
  });

  it('answers JSON mode with JSON: json_object, and a json_schema-shaped default reply', async () => {
    const object = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(object.choices[0]?.message.content ?? '')).toEqual({ reply: 'Hello from the fake.' });
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        score: { type: 'integer', minimum: 1 },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['title', 'score', 'tags'],
      additionalProperties: false,
    };
    const shaped = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } },
    });
    expect(JSON.parse(shaped.choices[0]?.message.content ?? '')).toEqual({
      title: 'Hello from the fake.',
      score: 1,
      tags: ['Hello from the fake.'],
    });
  });

  it('streams several deltas that join to the reply, then a final usage chunk', async () => {
    fake.enqueue({ reply: 'one two three four', usage: { input: 7, output: 4 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    const finishes: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      for (const choice of chunk.choices) {
        if (choice.delta.content) deltas.push(choice.delta.content);
        if (choice.finish_reason) finishes.push(choice.finish_reason);
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe('one two three four');
    expect(finishes).toEqual(['stop']);
    expect(usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 4, total_tokens: 11 });
  });

  it('sends no usage chunk unless stream_options.include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1)).toBe(true);
  });

  it('reports length and content_filter finishes', async () => {
    fake.enqueue({ contentFilter: true });
    const filtered = await client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    expect(filtered.choices[0]?.finish_reason).toBe('content_filter');
    expect(filtered.choices[0]?.message.content).toBeNull();
    const cut = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      max_tokens: 2,
    });
    expect(cut.choices[0]?.finish_reason).toBe('length');
    expect(cut.choices[0]?.message.content).toBe('Hello fr');
  });

  it('gets a RateLimitError with the Retry-After header for a scripted 429', async () => {
    fake.enqueue({ status: 429, retryAfter: 7 });
    const error = await client.chat.completions
      .create({ model: 'gpt-test', messages: MESSAGES })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.headers.get('retry-after')).toBe('7');
    expect(error.code).toBe('rate_limit_exceeded');
  });

  it('gets an InternalServerError for 500 and a coded BadRequestError for context_length_exceeded', async () => {
    fake.enqueue({ status: 500 }, { status: 400, errorType: 'context_length_exceeded' });
    const server = await client.chat.completions
      .create({ model: 'gpt-test', messages: MESSAGES })
      .catch((e) => e);
    expect(server).toBeInstanceOf(InternalServerError);
    const tooLong = await client.chat.completions
      .create({ model: 'gpt-test', messages: MESSAGES })
      .catch((e) => e);
    expect(tooLong).toBeInstanceOf(OpenAI.BadRequestError);
    expect(tooLong).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages' });
  });

  it('hangs until the client times out, and still closes cleanly', async () => {
    fake.enqueue({ hang: true });
    const error = await client.chat.completions
      .create({ model: 'gpt-test', messages: MESSAGES }, { timeout: 150 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(fake.requests).toHaveLength(1);
  });

  it('cuts a non-streamed body mid-way: the client fails', async () => {
    fake.enqueue({ cutStreamAfterChunks: 0 });
    await expect(client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES })).rejects.toThrow();
  });

  it('makes the client fail on a malformed JSON body', async () => {
    fake.enqueue({ malformedJson: true });
    await expect(client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES })).rejects.toThrow();
  });

  it('cuts a stream after n deltas: the client fails and the body has no [DONE]', async () => {
    fake.enqueue({ cutStreamAfterChunks: 2 }, { cutStreamAfterChunks: 2 });
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: MESSAGES,
      stream: true,
    });
    const deltas: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(deltas.filter((d) => d !== '')).toEqual(['Hello ', 'from ']);
    const raw = await readUntilCut({
      response: await postJson({
        url: `${fake.url}/v1/chat/completions`,
        headers: { authorization: `Bearer ${KEY}` },
        body: { model: 'gpt-test', messages: MESSAGES, stream: true },
      }),
    });
    expect(raw.complete).toBe(false);
    expect(raw.text).not.toContain('[DONE]');
    expect(parseSse({ text: raw.text })).toHaveLength(3);
  });

  it('refuses a request without a key (401) and never records the key it is given', async () => {
    const anonymous = await postJson({
      url: `${fake.url}/v1/chat/completions`,
      body: { model: 'gpt-test', messages: MESSAGES },
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: 'invalid_request_error', param: null } });
    await client.chat.completions.create({ model: 'gpt-test', messages: MESSAGES });
    expect(fake.requests.map((r) => r.authorized)).toEqual([false, true]);
    expect(JSON.stringify(fake.requests)).not.toContain(KEY);
  });

  it('lists models', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['fake-model']);
  });

  it('fails with a connection error once closed', async () => {
    await fake.close();
    const error = await client.chat.completions
      .create({ model: 'gpt-test', messages: MESSAGES })
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});
