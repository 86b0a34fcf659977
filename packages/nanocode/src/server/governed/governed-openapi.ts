import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ServerEnv } from '../server-env.js';
import { chatRequestSchema } from './chat-request.js';

const nanocodeSchema = z
  .object({
    run_id: z.string(),
    outcome: z.enum(['certified', 'certified_with_exceptions', 'degraded', 'stopped', 'error']),
    certificate: z.object({ keyid: z.string(), log_index: z.number().int() }).nullable(),
    certificate_url: z.string(),
  })
  .openapi('GovernedRunInfo');

const errorSchema = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      param: z.string().nullable(),
      code: z.string().nullable(),
    }),
    nanocode: nanocodeSchema.optional(),
  })
  .openapi('OpenAiError');

const completionSchema = z
  .looseObject({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
        logprobs: z.null(),
        finish_reason: z.literal('stop'),
      }),
    ),
    usage: z.object({
      prompt_tokens: z.number().int(),
      completion_tokens: z.number().int(),
      total_tokens: z.number().int(),
    }),
    nanocode: nanocodeSchema,
  })
  .openapi('GovernedChatCompletion');

const modelListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        id: z.string(),
        object: z.literal('model'),
        created: z.number().int(),
        owned_by: z.literal('nanocode'),
      }),
    ),
  })
  .openapi('GovernedModelList');

const runHeaders = z.object({
  'x-nanocode-run-id': z.string().openapi({ description: 'The id of the run that answered.' }),
  'x-nanocode-outcome': z
    .string()
    .optional()
    .openapi({ description: 'The run outcome; absent on a pass-through stream (see the closing chunk).' }),
});

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Documents the governed routes in the app's OpenAPI document (they are served as plain routes). */
export function registerGovernedOpenApi(options: { app: OpenAPIHono<ServerEnv> }): void {
  const registry = options.app.openAPIRegistry;
  registry.registerPath(
    createRoute({
      method: 'post',
      path: '/v1/chat/completions',
      tags: ['governed'],
      summary: 'Run a workflow as an OpenAI chat completion',
      request: { body: { required: true, content: { 'application/json': { schema: chatRequestSchema } } } },
      responses: {
        200: {
          description: 'The released answer: JSON, or `text/event-stream` chunks when `stream` is true.',
          headers: runHeaders,
          content: {
            'application/json': { schema: completionSchema },
            'text/event-stream': { schema: z.string() },
          },
        },
        400: json(errorSchema, 'The request or its messages cannot be mapped to the workflow inputs.'),
        404: json(errorSchema, 'The model names no workflow or profile (`model_not_found`).'),
        422: {
          ...json(errorSchema, 'The run stopped safely (`run_stopped`); nothing was released.'),
          headers: runHeaders,
        },
        500: {
          ...json(errorSchema, 'The run ended in an error outcome, with its error code.'),
          headers: runHeaders,
        },
      },
    }),
  );
  registry.registerPath(
    createRoute({
      method: 'get',
      path: '/v1/models',
      tags: ['governed'],
      summary: 'List the workflows served as models',
      responses: { 200: json(modelListSchema, 'The workflows of the project.') },
    }),
  );
}
