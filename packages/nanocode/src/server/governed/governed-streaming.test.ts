import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../spec/events.js';
import type { FakeProvider } from '../../testing/fake-provider/fake-provider-types.js';
import { loadOpenApiValidator, OPENAPI_FILE } from '../../testing/fake-provider/openai-openapi.test-util.js';
import { startFakeProvider } from '../../testing/fake-provider/start-fake-provider.js';
import { createApp } from '../create-app.js';
import type { ServerContext } from '../server-context.js';
import { createGovernedContext, createGovernedProject, serveApp } from './governed-project.test-util.js';

const validate = loadOpenApiValidator({ schemas: ['CreateChatCompletionStreamResponse'] });
if (validate === undefined)
  console.warn(`skipping OpenAPI validation of governed chunks: ${OPENAPI_FILE} not found`);
const check = (value: unknown): string[] =>
  validate?.({ schema: 'CreateChatCompletionStreamResponse', value }) ?? [];

const REPLY = 'Refunds are processed within five business days of approval.';
const MESSAGES = [{ role: 'user' as const, content: 'How long do refunds take?' }];

let fake: FakeProvider;
let context: ServerContext;
let server: { url: string; close: () => Promise<void> };
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider({ log: false });
  context = await createGovernedContext({
    projectDir: await createGovernedProject(),
    env: { FAKE_URL: fake.url, FAKE_KEY: 'sk-fake-governed' },
  });
  // Keys off: the local admin of the default tenant, as `nanocode serve` on loopback without keys.
  server = await serveApp({ app: createApp({ context, auth: { keys: 'none', tenant: 'default' } }) });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused-without-keys', maxRetries: 0 });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe('the governed endpoint streaming a pass-through step live', () => {
  it('forwards the deltas as they arrive; the outcome comes in the closing chunk', async () => {
    fake.enqueue({ reply: REPLY, usage: { input: 12, output: 9 } });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'live-answer@fake', messages: MESSAGES, stream: true })
      .withResponse();
    const runId = response.headers.get('x-nanocode-run-id') as string;
    expect(runId).toBeTruthy();
    // Decided only after the stream started: no outcome header.
    expect(response.headers.get('x-nanocode-outcome')).toBeNull();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(check(chunk)).toEqual([]);
    const contents = chunks
      .map((c) => c.choices[0]?.delta.content)
      .filter((t) => t !== undefined && t !== '');
    // One chunk per provider delta (a word each), not one buffered block.
    expect(contents.length).toBe(REPLY.split(' ').length);
    expect(contents.join('')).toBe(REPLY);
    const last = chunks.at(-1) as unknown as {
      choices: Array<{ finish_reason: string }>;
      nanocode: Record<string, unknown>;
    };
    expect(last.choices[0]?.finish_reason).toBe('stop');
    expect(last.nanocode).toMatchObject({ run_id: runId, outcome: 'certified' });
    const stored = await context.store.getRun({ run_id: runId });
    const released = stored?.events.find((e) => e.type === 'output.released') as RunEvent<'output.released'>;
    expect(released.data.checked).toBe('after_release');
    expect(stored?.summary.tenant).toBe('default');
  });

  it('a stream cut after the first byte ends with an error frame: the client raises run_stopped', async () => {
    fake.enqueue({ cutStreamAfterChunks: 3 });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'live-answer@fake', messages: MESSAGES, stream: true })
      .withResponse();
    // 200: the response had started with the first delta, before the stream was cut.
    expect(response.status).toBe(200);
    const runId = response.headers.get('x-nanocode-run-id') as string;
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ code: 'run_stopped', type: 'nanocode_stopped' });
    expect(seen.join('').length).toBeGreaterThan(0);
    expect((await context.store.getRun({ run_id: runId }))?.summary.outcome).toBe('stopped');
  });

  it('without stream, the same step is buffered and checked before release', async () => {
    fake.enqueue({ reply: REPLY });
    const { data, response } = await client.chat.completions
      .create({ model: 'live-answer@fake', messages: MESSAGES })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe(REPLY);
    const stored = await context.store.getRun({
      run_id: response.headers.get('x-nanocode-run-id') as string,
    });
    const released = stored?.events.find((e) => e.type === 'output.released') as RunEvent<'output.released'>;
    expect(released.data.checked).toBe('before_release');
  });

  it('a pass-through step that fails before its first byte stops like a buffered one: a plain 422', async () => {
    fake.enqueue({ status: 400, message: 'bad request upstream' });
    const error = await client.chat.completions
      .create({ model: 'live-answer@fake', messages: MESSAGES, stream: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, code: 'run_stopped' });
    expect((error as APIError).headers?.get('x-nanocode-outcome')).toBe('stopped');
  });

  it('a client that disconnects cancels its run: a certified safe stop', async () => {
    fake.enqueue({ hang: true });
    const before = fake.requests.length;
    const known = new Set((await context.store.listRuns({})).map((r) => r.run_id));
    const abort = new AbortController();
    const pending = client.chat.completions
      .create({ model: 'live-answer@fake', messages: MESSAGES }, { signal: abort.signal })
      .catch((e: unknown) => e);
    // Wait until the run is waiting on the (hanging) provider, then hang up.
    await vi.waitFor(() => expect(fake.requests.length).toBe(before + 1));
    abort.abort();
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
    // The run is stored once it has ended; the cancel ends it.
    const run = await vi.waitFor(async () => {
      const found = (await context.store.listRuns({})).find((r) => !known.has(r.run_id));
      expect(found).toBeDefined();
      return found;
    });
    expect(run?.outcome).toBe('stopped');
    const stored = await context.store.getRun({ run_id: run?.run_id as string });
    const completed = stored?.events.at(-1) as RunEvent<'run.completed'>;
    expect(completed.data.error?.code).toBe('NC_RUN_ABORTED');
  });
});
