import { z } from '@hono/zod-openapi';

/**
 * The fields of an OpenAI chat completion request that the governed endpoint reads. Other fields
 * (temperature, max_tokens, seed, …) are accepted and ignored: the workflow declares its own model
 * parameters, and a request cannot change what runs.
 */
export const chatRequestSchema = z
  .looseObject({
    model: z.string().min(1).openapi({ description: 'A workflow name, or `workflow@profile`.' }),
    messages: z
      .array(
        z.looseObject({
          role: z.string(),
          content: z.unknown().optional(),
        }),
      )
      .min(1)
      .openapi({
        description: 'System (or developer) messages and one user message; see the mapping rules.',
      }),
    stream: z.boolean().nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    n: z.number().int().nullable().optional().openapi({ description: 'Only 1: a run has one answer.' }),
    tools: z
      .array(z.unknown())
      .nullable()
      .optional()
      .openapi({ description: 'Not supported; must be empty.' }),
  })
  .openapi('GovernedChatCompletionRequest');

/** A parsed chat completion request. */
export type ChatRequest = z.output<typeof chatRequestSchema>;

/** A request problem the endpoint refuses with 400, with the OpenAI `param` it concerns. */
export interface ChatRequestProblem {
  message: string;
  param: string;
}

/** Parses a request body; a problem (first schema issue, or an unsupported field) is returned as data. */
export function parseChatRequest(options: {
  body: unknown;
}): { ok: true; request: ChatRequest } | ({ ok: false } & ChatRequestProblem) {
  const parsed = chatRequestSchema.safeParse(options.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = paramOf({ path: issue?.path ?? [] });
    return { ok: false, param, message: `${param || 'body'}: ${issue?.message ?? 'invalid request'}` };
  }
  const request = parsed.data;
  if (request.n !== undefined && request.n !== null && request.n !== 1) {
    return { ok: false, param: 'n', message: 'n must be 1: a workflow run gives one answer' };
  }
  if (request.tools !== undefined && request.tools !== null && request.tools.length > 0) {
    return { ok: false, param: 'tools', message: 'tools are not supported: the workflow declares what runs' };
  }
  return { ok: true, request };
}

/** `messages[0].content` from a zod issue path. */
function paramOf(options: { path: readonly PropertyKey[] }): string {
  return options.path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
