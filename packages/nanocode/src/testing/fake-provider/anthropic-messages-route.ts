import { sendAnthropicError } from './anthropic-errors.js';
import { promptText } from './estimate-tokens.js';
import type { FakeErrorBehaviour, FakeFinish } from './fake-provider-types.js';
import {
  cutConnection,
  endReply,
  sendCutJson,
  sendJson,
  sendText,
  startSse,
  writeSse,
} from './http-replies.js';
import type { FakeCompletion } from './plan-completion.js';
import { bodyObject, positiveInteger, type RouteContext } from './route-context.js';
import { serveBehaviour, type WireFormat } from './serve-behaviour.js';
import { splitDeltas } from './split-deltas.js';

const STOP_REASON: Record<FakeFinish, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  content_filter: 'refusal',
};

interface AnthropicShape {
  id: string;
  model: string;
  requestId: string;
}

/**
 * `POST /v1/messages`, Anthropic Messages: a `message` object, or with `stream: true` SSE with
 * `event:` lines (message_start, content_block_start, ping, content_block_delta, content_block_stop,
 * message_delta, message_stop). The `anthropic-version` header, a key (`x-api-key`, or a bearer
 * token), `model`, `max_tokens` and `messages` are required, as on the real API.
 */
export async function anthropicMessagesRoute(context: RouteContext): Promise<void> {
  const { res, request } = context;
  const requestId = `req_fake${context.serial}`;
  const reject = (status: FakeErrorBehaviour['status'], type: string, message: string): void =>
    sendAnthropicError({ res, requestId, error: { status, errorType: type, message } });
  const body = bodyObject({ request });
  if (request.headers['anthropic-version'] === undefined) {
    return reject(400, 'invalid_request_error', 'anthropic-version: header is required');
  }
  if (!request.authorized) return reject(401, 'authentication_error', 'x-api-key header is required');
  if (body === undefined) return reject(400, 'invalid_request_error', 'The request body is not valid JSON.');
  if (typeof body.model !== 'string') return reject(400, 'invalid_request_error', 'model: Field required');
  if (positiveInteger({ value: body.max_tokens }) === undefined) {
    return reject(400, 'invalid_request_error', 'max_tokens: Field required');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return reject(400, 'invalid_request_error', 'messages: Field required');
  }
  const shape: AnthropicShape = { id: `msg_fake${context.serial}`, model: body.model, requestId };
  await serveBehaviour({
    behaviour: context.nextBehaviour(),
    format: anthropicFormat(shape),
    res,
    lifetime: context.lifetime,
    stream: body.stream === true,
    defaultText: context.defaultReply,
    prompt: `${promptText({ value: body.system })}\n${promptText({ value: body.messages })}`,
    maxTokens: positiveInteger({ value: body.max_tokens }),
  });
}

function anthropicFormat(shape: AnthropicShape): WireFormat {
  const headers = { 'request-id': shape.requestId };
  return {
    sendError: ({ res, error }) => sendAnthropicError({ res, error, requestId: shape.requestId }),
    async sendMalformed({ res, stream }) {
      const broken = `{"id":"${shape.id}","type":"message","role":"assistant","content":[{"type":"text","text":"unterminated`;
      if (!stream)
        return sendText({
          res,
          status: 200,
          text: broken,
          headers: { 'content-type': 'application/json', ...headers },
        });
      startSse({ res, headers });
      await writeSse({ res, event: 'message_start', data: broken });
      endReply({ res });
    },
    async sendCompletion({ res, completion, stream }) {
      if (stream) return streamMessage({ res, completion, shape, headers });
      const body = messageObject({ completion, shape });
      if (completion.cutAfter !== undefined) return sendCutJson({ res, body, headers });
      sendJson({ res, status: 200, body, headers });
    },
  };
}

function messageObject(options: {
  completion: FakeCompletion;
  shape: AnthropicShape;
}): Record<string, unknown> {
  const { completion, shape } = options;
  return {
    id: shape.id,
    type: 'message',
    role: 'assistant',
    model: shape.model,
    content: completion.text === '' ? [] : [{ type: 'text', text: completion.text }],
    stop_reason: STOP_REASON[completion.finish],
    stop_sequence: null,
    ...(completion.usage === undefined ? {} : { usage: anthropicUsage({ usage: completion.usage }) }),
  };
}

function anthropicUsage(options: { usage: { input: number; output: number } }): Record<string, unknown> {
  return {
    input_tokens: options.usage.input,
    output_tokens: options.usage.output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

async function streamMessage(options: {
  res: RouteContext['res'];
  completion: FakeCompletion;
  shape: AnthropicShape;
  headers: Record<string, string>;
}): Promise<void> {
  const { res, completion } = options;
  const send = (event: string, data: Record<string, unknown>) =>
    writeSse({ res, event, data: JSON.stringify({ type: event, ...data }) });
  const usage = completion.usage;
  const started = messageObject({ completion: { ...completion, text: '' }, shape: options.shape });
  startSse({ res, headers: options.headers });
  await send('message_start', {
    message: {
      ...started,
      stop_reason: null,
      ...(usage === undefined ? {} : { usage: anthropicUsage({ usage: { input: usage.input, output: 1 } }) }),
    },
  });
  const deltas = splitDeltas({ text: completion.text });
  if (deltas.length > 0 || completion.cutAfter !== undefined) {
    await send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  }
  await send('ping', {});
  for (const [index, text] of deltas.entries()) {
    if (index === completion.cutAfter) return cutConnection({ res });
    await send('content_block_delta', { index: 0, delta: { type: 'text_delta', text } });
  }
  if (completion.cutAfter !== undefined) return cutConnection({ res });
  if (deltas.length > 0) await send('content_block_stop', { index: 0 });
  await send('message_delta', {
    delta: { stop_reason: STOP_REASON[completion.finish], stop_sequence: null },
    ...(usage === undefined ? {} : { usage: { output_tokens: usage.output } }),
  });
  await send('message_stop', {});
  endReply({ res });
}
