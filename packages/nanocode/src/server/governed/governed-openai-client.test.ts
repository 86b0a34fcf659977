import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../spec/events.js';
import { loadOpenApiValidator, OPENAPI_FILE } from '../../testing/fake-provider/openai-openapi.test-util.js';
import { createApp } from '../create-app.js';
import { hashApiKey } from '../middleware/authenticate.js';
import { verifyBundle } from '../run-evidence.js';
import type { ServerContext } from '../server-context.js';
import { createGovernedContext, createGovernedProject, serveApp } from './governed-project.test-util.js';

const validate = loadOpenApiValidator({
  schemas: [
    'CreateChatCompletionResponse',
    'CreateChatCompletionStreamResponse',
    'ErrorResponse',
    'ListModelsResponse',
  ],
});
if (validate === undefined)
  console.warn(`skipping OpenAPI validation of the governed endpoint: ${OPENAPI_FILE} not found`);
/** The document's errors for `value` (none when the document is absent: the other assertions still run). */
const check = (schema: string, value: unknown): string[] => validate?.({ schema, value }) ?? [];

const SUPPORT = [
  { role: 'system' as const, content: 'Refunds are processed within 5 business days of approval.' },
  { role: 'user' as const, content: 'How long do refunds take?' },
];
const RUNNER_KEY = 'nck_runner_governed_test_key';
const AUDITOR_KEY = 'nck_auditor_governed_test_key';

let context: ServerContext;
let server: { url: string; close: () => Promise<void> };
let client: OpenAI;

beforeAll(async () => {
  context = await createGovernedContext({ projectDir: await createGovernedProject() });
  for (const [id, key, role] of [
    ['k-runner', RUNNER_KEY, 'runner'],
    ['k-auditor', AUDITOR_KEY, 'auditor'],
  ] as const) {
    await context.store.putApiKey({
      key: {
        id,
        tenant: 'acme',
        role,
        hash: hashApiKey({ key }),
        prefix: key.slice(0, 8),
        created_at: new Date(0).toISOString(),
      },
    });
  }
  server = await serveApp({ app: createApp({ context, auth: { keys: 'required' } }) });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: RUNNER_KEY, maxRetries: 0 });
});
afterAll(() => server?.close());

/** Fetches the run's certificate bundle from the REST API, as a client would, and verifies it offline. */
async function verifyStoredRun(options: { run_id: string }): Promise<boolean> {
  const response = await fetch(`${server.url}/api/runs/${options.run_id}/certificate?format=bundle`, {
    headers: { authorization: `Bearer ${RUNNER_KEY}` },
  });
  expect(response.status).toBe(200);
  const bundle = (await response.json()) as Parameters<typeof verifyBundle>[0]['bundle'];
  // The bundle carries its log inclusion proof; the report checks it against the log key.
  expect(bundle.log_proof).toEqual(expect.any(String));
  return (await verifyBundle({ keyDir: context.keyDir, bundle })).ok;
}

describe('the governed endpoint through the official openai client', () => {
  it('answers a chat completion from the support-answer run, with run id, outcome and a verifiable certificate', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'support-answer', messages: SUPPORT })
      .withResponse();
    expect(check('CreateChatCompletionResponse', data)).toEqual([]);
    const nanocode = (data as unknown as { nanocode: Record<string, unknown> }).nanocode;
    const runId = response.headers.get('x-nanocode-run-id');
    expect(runId).toBe(nanocode.run_id);
    expect(response.headers.get('x-nanocode-outcome')).toBe(nanocode.outcome);
    expect(data).toMatchObject({
      id: `chatcmpl-${runId}`,
      model: 'support-answer',
      object: 'chat.completion',
    });
    expect(['certified', 'certified_with_exceptions']).toContain(nanocode.outcome);
    expect(nanocode.certificate_url).toBe(`/api/runs/${runId}/certificate`);
    expect(nanocode.certificate).toMatchObject({ keyid: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const answer = JSON.parse(data.choices[0]?.message.content ?? '');
    expect(answer.answer).toContain('5 business days');
    expect(data.choices[0]?.finish_reason).toBe('stop');

    const stored = await context.store.getRun({ run_id: runId as string });
    expect(stored?.summary).toMatchObject({ tenant: 'acme', workflow: 'support-answer' });
    const started = stored?.events[0] as RunEvent<'run.started'>;
    expect(started.data.inputs).toEqual({
      question: 'How long do refunds take?',
      context: 'Refunds are processed within 5 business days of approval.',
    });
    const completed = stored?.events.at(-1) as RunEvent<'run.completed'>;
    expect(data.usage?.total_tokens).toBe(completed.data.consumed.tokens);
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(await verifyStoredRun({ run_id: runId as string })).toBe(true);
  });

  it('streams a buffered workflow: the released text only, every chunk valid, usage last', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({
        model: 'support-answer',
        messages: SUPPORT,
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const runId = response.headers.get('x-nanocode-run-id');
    expect(response.headers.get('x-nanocode-outcome')).toMatch(/^certified/);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(check('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    expect(new Set(chunks.map((c) => c.id))).toEqual(new Set([`chatcmpl-${runId}`]));
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(JSON.parse(text).answer).toContain('5 business days');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBeGreaterThan(0);
    expect((last as unknown as { nanocode: { run_id: string } }).nanocode.run_id).toBe(runId);
    expect(await verifyStoredRun({ run_id: runId as string })).toBe(true);
  });

  it('refuses with APIError 422 run_stopped when the run stops safely, streamed or not', async () => {
    const messages = [{ role: 'user' as const, content: 'Answer me.' }];
    for (const stream of [false, true]) {
      const error = await client.chat.completions.create({ model: 'always-stops', messages, stream }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(APIError);
      const apiError = error as APIError;
      expect(apiError).toMatchObject({ status: 422, code: 'run_stopped', type: 'nanocode_stopped' });
      expect(apiError.message).toContain('polite');
      expect(apiError.headers?.get('x-nanocode-outcome')).toBe('stopped');
      const runId = apiError.headers?.get('x-nanocode-run-id') as string;
      expect((await context.store.getRun({ run_id: runId }))?.summary.outcome).toBe('stopped');
      expect(await verifyStoredRun({ run_id: runId })).toBe(true);
    }
  });

  it('refuses inputs that break the declared schema with 400, the refusal certified', async () => {
    const messages = [
      SUPPORT[0] as (typeof SUPPORT)[number],
      { role: 'user' as const, content: 'x'.repeat(4001) },
    ];
    const error = await client.chat.completions
      .create({ model: 'support-answer', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'NC_RUN_INPUT_INVALID', type: 'invalid_request_error' });
    expect((error as APIError).message).toContain('question');
    expect((error as APIError).headers?.get('x-nanocode-outcome')).toBe('error');
    const runId = (error as APIError).headers?.get('x-nanocode-run-id') as string;
    expect(await verifyStoredRun({ run_id: runId })).toBe(true);
  });

  it('answers a degraded run as a normal reply, its outcome visible', async () => {
    const messages = [{ role: 'user' as const, content: 'Answer me.' }];
    const { data, response } = await client.chat.completions
      .create({ model: 'always-degrades', messages })
      .withResponse();
    expect(check('CreateChatCompletionResponse', data)).toEqual([]);
    expect(data.choices[0]?.message.content).toBe('Sorry, please ask a person.');
    expect(response.headers.get('x-nanocode-outcome')).toBe('degraded');
    expect(data).toMatchObject({ nanocode: { outcome: 'degraded' } });
  });

  it('answers an error outcome with 500 and its code, and tells the client not to retry the run', async () => {
    // The client's default retries stay on: the x-should-retry header must stop them.
    const retrying = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: RUNNER_KEY });
    const messages = [{ role: 'user' as const, content: 'x' }];
    const error = await retrying.chat.completions
      .create({ model: 'breaks', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 500, type: 'nanocode_error', code: 'NC_RUN_UNKNOWN_FUNCTION' });
    expect((error as APIError).headers?.get('x-nanocode-outcome')).toBe('error');
    const runs = await context.store.listRuns({ workflow: 'breaks' });
    expect(runs.map((r) => r.outcome)).toEqual(['error']);
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    for (const model of ['no-such-workflow', 'support-answer@no-such-profile', 'not/a/name']) {
      const error = await client.chat.completions
        .create({ model, messages: SUPPORT })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    }
  });

  it('answers messages it cannot map with 400 NC_API_BAD_REQUEST pointing at the message', async () => {
    const messages = [
      ...SUPPORT,
      { role: 'assistant' as const, content: 'Five days.' },
      { role: 'user' as const, content: 'And exchanges?' },
    ];
    const error = await client.chat.completions
      .create({ model: 'support-answer', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'NC_API_BAD_REQUEST', param: 'messages[1]' });
  });

  it("documents both routes in the app's OpenAPI document", async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/chat/completions', '/v1/models']),
    );
    expect(Object.keys(document.paths['/v1/chat/completions']?.post?.responses ?? {})).toEqual([
      '200',
      '400',
      '404',
      '422',
      '500',
    ]);
  });

  it('lists the project workflows as models', async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining(['support-answer', 'always-stops', 'live-answer', 'idea-to-risks']),
    );
    // `examples/profiles` is a folder of profiles, not a workflow.
    expect(ids).not.toContain('profiles');
    expect(page.data.every((m) => m.owned_by === 'nanocode' && m.object === 'model')).toBe(true);
  });

  it('keeps auditors out (403) and answers errors in the OpenAI shape', async () => {
    const auditor = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: AUDITOR_KEY, maxRetries: 0 });
    const error = await auditor.chat.completions
      .create({ model: 'support-answer', messages: SUPPORT })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'NC_API_FORBIDDEN' });
    const raw = await fetch(`${server.url}/v1/models`, {
      headers: { authorization: `Bearer ${AUDITOR_KEY}` },
    });
    expect(raw.status).toBe(403);
    expect(check('ErrorResponse', await raw.json())).toEqual([]);
  });
});

describe.skipIf(validate === undefined)('governed replies against the OpenAI OpenAPI document', () => {
  const post = (body: unknown) =>
    fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${RUNNER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('allows the extra `nanocode` object (the document does not forbid additional properties)', async () => {
    const body = (await (await post({ model: 'support-answer', messages: SUPPORT })).json()) as Record<
      string,
      unknown
    >;
    expect(body.nanocode).toBeDefined();
    expect(check('CreateChatCompletionResponse', body)).toEqual([]);
    // Passing means something: the same body with a broken field fails.
    expect(check('CreateChatCompletionResponse', { ...body, object: 'chat.completions' })).not.toEqual([]);
  });

  it('every error body (stop, unknown model, bad request, bad JSON) is an ErrorResponse', async () => {
    const stop = await post({ model: 'always-stops', messages: [{ role: 'user', content: 'x' }] });
    const unknown = await post({ model: 'nope', messages: SUPPORT });
    const badMessages = await post({ model: 'support-answer', messages: [] });
    const notJson = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${RUNNER_KEY}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect([stop.status, unknown.status, badMessages.status, notJson.status]).toEqual([422, 404, 400, 400]);
    for (const response of [stop, unknown, badMessages, notJson]) {
      expect(check('ErrorResponse', await response.json())).toEqual([]);
    }
  });

  it('the model list is a ListModelsResponse', async () => {
    const response = await fetch(`${server.url}/v1/models`, {
      headers: { authorization: `Bearer ${RUNNER_KEY}` },
    });
    expect(check('ListModelsResponse', await response.json())).toEqual([]);
  });
});
