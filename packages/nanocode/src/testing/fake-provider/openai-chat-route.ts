import { promptText } from './estimate-tokens.js';
import type { FakeFinish } from './fake-provider-types.js';
import {
  cutConnection,
  endReply,
  sendCutJson,
  sendJson,
  sendText,
  startSse,
  writeSse,
} from './http-replies.js';
import { sendOpenAiError, sendOpenAiRequestError } from './openai-errors.js';
import type { FakeCompletion } from './plan-completion.js';
import { bodyObject, positiveInteger, type RouteContext } from './route-context.js';
import { sampleFromSchema } from './sample-from-schema.js';
import { serveBehaviour, type WireFormat } from './serve-behaviour.js';
import { splitDeltas } from './split-deltas.js';

const FINGERPRINT = 'fp_nanocode_fake';
const FINISH: Record<FakeFinish, string> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content_filter',
};

/**
 * `POST /v1/chat/completions`, OpenAI Chat Completions: a `chat.completion` object, or with
 * `stream: true` SSE `data: {chunk}` frames ending in `data: [DONE]`, with a final usage chunk when
 * `stream_options.include_usage` is set. A key (`Authorization: Bearer ...`), `model` and
 * `messages` are required, as on the real API.
 */
export async function openAiChatRoute(context: RouteContext): Promise<void> {
  const { res, request } = context;
  const requestId = `req_fake${context.serial}`;
  const body = bodyObject({ request });
  if (!request.authorized) {
    return sendOpenAiRequestError({
      res,
      status: 401,
      requestId,
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    });
  }
  if (body === undefined) {
    return sendOpenAiRequestError({
      res,
      status: 400,
      requestId,
      message: 'We could not parse the JSON body of your request. The request body must be a JSON object.',
    });
  }
  if (typeof body.model !== 'string') {
    return sendOpenAiRequestError({
      res,
      status: 400,
      requestId,
      message: 'you must provide a model parameter',
    });
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return sendOpenAiRequestError({
      res,
      status: 400,
      requestId,
      param: 'messages',
      code: 'missing_required_parameter',
      message: "Missing required parameter: 'messages'.",
    });
  }
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  const shape = {
    id: `chatcmpl-fake${context.serial}`,
    created: context.now(),
    model: body.model,
    requestId,
    includeUsage: streamOptions?.include_usage === true,
  };
  await serveBehaviour({
    behaviour: context.nextBehaviour(),
    format: openAiFormat(shape),
    res,
    lifetime: context.lifetime,
    stream: body.stream === true,
    defaultText: jsonModeText({ responseFormat: body.response_format, text: context.defaultReply }),
    prompt: promptText({ value: body.messages }),
    maxTokens: positiveInteger({ value: body.max_completion_tokens ?? body.max_tokens }),
  });
}

/** The default reply, as JSON when the request asked for `json_object` or a `json_schema`. */
function jsonModeText(options: { responseFormat: unknown; text: string }): string {
  const format = options.responseFormat as { type?: unknown; json_schema?: { schema?: unknown } } | undefined;
  if (format?.type === 'json_object') return JSON.stringify({ reply: options.text });
  if (format?.type === 'json_schema') {
    return JSON.stringify(sampleFromSchema({ schema: format.json_schema?.schema, text: options.text }));
  }
  return options.text;
}

interface OpenAiShape {
  id: string;
  created: number;
  model: string;
  requestId: string;
  includeUsage: boolean;
}

function openAiFormat(shape: OpenAiShape): WireFormat {
  const headers = { 'x-request-id': shape.requestId, 'openai-processing-ms': '1' };
  return {
    sendError: ({ res, error }) => sendOpenAiError({ res, error, requestId: shape.requestId }),
    async sendMalformed({ res, stream }) {
      const broken = `{"id":"${shape.id}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"unterminated`;
      if (!stream)
        return sendText({
          res,
          status: 200,
          text: broken,
          headers: { 'content-type': 'application/json', ...headers },
        });
      startSse({ res, headers });
      await writeSse({ res, data: broken });
      await writeSse({ res, data: '[DONE]' });
      endReply({ res });
    },
    async sendCompletion({ res, completion, stream }) {
      if (stream) return streamCompletion({ res, completion, shape, headers });
      const body = completionObject({ completion, shape });
      if (completion.cutAfter !== undefined) return sendCutJson({ res, body, headers });
      sendJson({ res, status: 200, body, headers });
    },
  };
}

function completionObject(options: {
  completion: FakeCompletion;
  shape: OpenAiShape;
}): Record<string, unknown> {
  const { completion, shape } = options;
  const filtered = completion.finish === 'content_filter' && completion.text === '';
  return {
    id: shape.id,
    object: 'chat.completion',
    created: shape.created,
    model: shape.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: filtered ? null : completion.text,
          refusal: null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: FINISH[completion.finish],
      },
    ],
    ...(completion.usage === undefined ? {} : { usage: openAiUsage({ usage: completion.usage }) }),
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  };
}

function openAiUsage(options: { usage: { input: number; output: number } }): Record<string, unknown> {
  const { input, output } = options.usage;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

async function streamCompletion(options: {
  res: RouteContext['res'];
  completion: FakeCompletion;
  shape: OpenAiShape;
  headers: Record<string, string>;
}): Promise<void> {
  const { res, completion, shape } = options;
  const chunk = (choices: unknown[], usage?: unknown): string =>
    JSON.stringify({
      id: shape.id,
      object: 'chat.completion.chunk',
      created: shape.created,
      model: shape.model,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
      choices,
      ...(shape.includeUsage ? { usage: usage ?? null } : {}),
    });
  const choice = (delta: unknown, finish: string | null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  });
  startSse({ res, headers: options.headers });
  await writeSse({ res, data: chunk([choice({ role: 'assistant', content: '', refusal: null }, null)]) });
  const deltas = splitDeltas({ text: completion.text });
  for (const [index, text] of deltas.entries()) {
    if (index === completion.cutAfter) return cutConnection({ res });
    await writeSse({ res, data: chunk([choice({ content: text }, null)]) });
  }
  if (completion.cutAfter !== undefined) return cutConnection({ res });
  await writeSse({ res, data: chunk([choice({}, FINISH[completion.finish])]) });
  if (shape.includeUsage && completion.usage !== undefined) {
    await writeSse({ res, data: chunk([], openAiUsage({ usage: completion.usage })) });
  }
  await writeSse({ res, data: '[DONE]' });
  endReply({ res });
}
