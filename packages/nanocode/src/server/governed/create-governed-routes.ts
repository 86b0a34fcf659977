import { OpenAPIHono } from '@hono/zod-openapi';
import { NanocodeError } from '../../spec/errors.js';
import { requireRole } from '../middleware/require-role.js';
import type { LoadedWorkflow, ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';
import { parseChatRequest } from './chat-request.js';
import { registerGovernedOpenApi } from './governed-openapi.js';
import { listWorkflowModels } from './list-workflow-models.js';
import { mapMessages } from './map-messages.js';
import { nanocodeHeaders } from './nanocode-info.js';
import { jsonResponse, openAiError } from './openai-error.js';
import { openAiErrorHandler } from './openai-error-handler.js';
import { parseModel } from './parse-model.js';
import { runFailure } from './run-failure.js';
import { streamChatCompletion } from './stream-chat-completion.js';
import { toChatCompletion } from './to-chat-completion.js';

// Every run is certified: an OpenAI client must not start another one on its own after a 5xx.
const NO_CLIENT_RETRY = { 'x-should-retry': 'false' };

// Errors of `loadWorkflow` that mean "no such workflow (or profile)": the model does not exist.
const NOT_FOUND_CODES = new Set(['NC_API_NOT_FOUND', 'NC_CFG_READ', 'NC_CFG_UNKNOWN_PROFILE']);

/**
 * The governed OpenAI-compatible endpoint: `POST /v1/chat/completions` runs the workflow that `model`
 * names (`workflow` or `workflow@profile`) with inputs mapped from the messages, under the caller's
 * tenant, and answers a chat completion (streamed or not) with the run id and outcome in
 * `x-nanocode-run-id` / `x-nanocode-outcome` and a `nanocode` object. `GET /v1/models` lists the
 * workflows. Both need the runner or admin role; every error has OpenAI's error shape.
 */
export function createGovernedRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { context } = options;
  const app = new OpenAPIHono<ServerEnv>();
  app.onError(openAiErrorHandler({ context }));
  registerGovernedOpenApi({ app });
  const allowed = requireRole('runner', 'admin');

  app.get('/v1/models', allowed, async () =>
    jsonResponse({ status: 200, body: await listWorkflowModels({ context }) }),
  );

  app.post('/v1/chat/completions', allowed, async (c) => {
    const body = await c.req.json().catch(() => undefined);
    const parsed = parseChatRequest({ body });
    if (!parsed.ok) return badRequest({ message: parsed.message, param: parsed.param });
    const { request } = parsed;
    const tenant = c.get('principal').tenant;
    const loaded = await loadModel({ context, model: request.model, tenant });
    if (loaded instanceof Response) return loaded;
    const { config, policy } = loaded;
    const mapped = mapMessages({ messages: request.messages, declared: config.workflow.inputs });
    if (!mapped.ok) return badRequest({ message: mapped.message, param: mapped.param });
    // A client that disconnects cancels its run (a certified safe stop).
    const signal = c.req.raw.signal;
    if (request.stream === true) {
      return streamChatCompletion({
        context,
        config,
        policy,
        inputs: mapped.inputs,
        tenant,
        model: request.model,
        includeUsage: request.stream_options?.include_usage === true,
        headers: NO_CLIENT_RETRY,
        signal,
      });
    }
    const done = await context.executeRun({
      config,
      inputs: mapped.inputs,
      tenant,
      signal,
      policy,
    });
    const headers = {
      ...NO_CLIENT_RETRY,
      ...nanocodeHeaders({ run_id: done.result.run_id, outcome: done.result.outcome }),
    };
    const failure = runFailure(done);
    if (failure !== undefined) return jsonResponse({ status: failure.status, body: failure.body, headers });
    return jsonResponse({
      status: 200,
      body: toChatCompletion({ model: request.model, ...done }),
      headers,
    });
  });
  return app;
}

/** The resolved workflow a model string names, or the 404 response OpenAI gives an unknown model. */
async function loadModel(options: {
  context: ServerContext;
  model: string;
  tenant: string;
}): Promise<LoadedWorkflow | Response> {
  const { context, model } = options;
  const name = parseModel({ model });
  try {
    if (name !== undefined) {
      return await context.loadWorkflow({
        name: name.workflow,
        tenant: options.tenant,
        ...(name.profile === undefined ? {} : { profile: name.profile }),
      });
    }
  } catch (error) {
    if (!(error instanceof NanocodeError && NOT_FOUND_CODES.has(error.code))) throw error;
  }
  return jsonResponse({
    status: 404,
    body: openAiError({
      status: 404,
      message: `The model \`${model}\` does not exist: it names no workflow (or profile) of this project`,
      param: 'model',
      code: 'model_not_found',
    }),
  });
}

function badRequest(options: { message: string; param: string }): Response {
  return jsonResponse({
    status: 400,
    body: openAiError({ status: 400, code: 'NC_API_BAD_REQUEST', ...options }),
  });
}
