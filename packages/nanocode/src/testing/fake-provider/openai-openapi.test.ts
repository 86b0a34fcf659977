import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBehaviour, FakeProvider } from './fake-provider-types.js';
import { loadOpenApiValidator, OPENAPI_FILE } from './openai-openapi.test-util.js';
import { parseSse, postJson } from './sse.test-util.js';
import { startFakeProvider } from './start-fake-provider.js';

// Parsed once for the whole file: the document is about 3 MB.
const validate = loadOpenApiValidator({
  schemas: [
    'CreateChatCompletionResponse',
    'CreateChatCompletionStreamResponse',
    'ErrorResponse',
    'ListModelsResponse',
  ],
});
if (validate === undefined)
  console.warn(`skipping OpenAPI validation of the fake provider: ${OPENAPI_FILE} not found`);

const AUTH = { authorization: 'Bearer sk-test' };
const MESSAGES = [{ role: 'user', content: 'Say hello.' }];

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({});
});
afterAll(() => fake.close());

async function complete(options: {
  behaviour?: FakeBehaviour;
  extra?: Record<string, unknown>;
}): Promise<Response> {
  if (options.behaviour !== undefined) fake.enqueue(options.behaviour);
  return postJson({
    url: `${fake.url}/v1/chat/completions`,
    headers: AUTH,
    body: { model: 'gpt-test', messages: MESSAGES, ...options.extra },
  });
}

describe.skipIf(validate === undefined)('fake OpenAI replies against the OpenAI OpenAPI document', () => {
  const check = (schema: string, value: unknown) => validate?.({ schema, value }) ?? [];

  it.each<[string, FakeBehaviour | undefined, Record<string, unknown>]>([
    ['the default reply', undefined, {}],
    ['a scripted reply', { reply: 'Hi.', usage: { input: 3, output: 1 } }, {}],
    ['a reply without usage', { reply: 'Hi.', usage: 'omit' }, {}],
    ['a content-filter finish', { contentFilter: true }, {}],
    ['a length finish', undefined, { max_tokens: 2 }],
    ['JSON mode', undefined, { response_format: { type: 'json_object' } }],
  ])('a completion (%s) is a CreateChatCompletionResponse', async (_name, behaviour, extra) => {
    const response = await complete({ ...(behaviour === undefined ? {} : { behaviour }), extra });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(check('CreateChatCompletionResponse', await response.json())).toEqual([]);
  });

  it.each([
    ['without usage', {}],
    ['with include_usage', { stream_options: { include_usage: true } }],
  ])('every stream chunk (%s) is a CreateChatCompletionStreamResponse', async (_name, extra) => {
    const response = await complete({ extra: { stream: true, ...extra } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = parseSse({ text: await response.text() });
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame.data));
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(check('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
  });

  it.each<[string, FakeBehaviour]>([
    ['429', { status: 429, retryAfter: 2 }],
    ['500', { status: 500 }],
    ['503', { status: 503 }],
    ['400 context_length_exceeded', { status: 400, errorType: 'context_length_exceeded' }],
  ])('a scripted %s error body is an ErrorResponse', async (_name, behaviour) => {
    const response = await complete({ behaviour });
    expect(response.status).toBe((behaviour as { status: number }).status);
    expect(check('ErrorResponse', await response.json())).toEqual([]);
  });

  it('protocol errors (no key, no messages, unknown URL) are ErrorResponses', async () => {
    const noKey = await postJson({
      url: `${fake.url}/v1/chat/completions`,
      body: { model: 'm', messages: MESSAGES },
    });
    const noMessages = await complete({ extra: { messages: undefined } });
    const unknown = await postJson({ url: `${fake.url}/v1/nothing`, headers: AUTH, body: {} });
    expect([noKey.status, noMessages.status, unknown.status]).toEqual([401, 400, 404]);
    for (const response of [noKey, noMessages, unknown]) {
      expect(check('ErrorResponse', await response.json())).toEqual([]);
    }
  });

  it('the model list is a ListModelsResponse', async () => {
    const response = await fetch(`${fake.url}/v1/models`, { headers: AUTH });
    expect(check('ListModelsResponse', await response.json())).toEqual([]);
  });

  it('the validator rejects what the document forbids, so passing means something', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: a reply taken apart and broken on purpose
    const body: any = await (await complete({})).json();
    expect(check('CreateChatCompletionResponse', { ...body, choices: undefined })).not.toEqual([]);
    const badFinish = { ...body, choices: [{ ...body.choices[0], finish_reason: 'done' }] };
    expect(check('CreateChatCompletionResponse', badFinish)).not.toEqual([]);
    const badRole = {
      ...body,
      choices: [{ ...body.choices[0], message: { ...body.choices[0].message, role: 'bot' } }],
    };
    expect(check('CreateChatCompletionResponse', badRole)).not.toEqual([]);
    const badUsage = { ...body, usage: { ...body.usage, total_tokens: 'many' } };
    expect(check('CreateChatCompletionResponse', badUsage)).not.toEqual([]);
    expect(check('ErrorResponse', { error: { message: 'x', type: 'y' } })).not.toEqual([]);
  });
});
