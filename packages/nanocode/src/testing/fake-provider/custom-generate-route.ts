import type { FakeErrorBehaviour } from './fake-provider-types.js';
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

const ERROR_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
  500: 'internal',
  502: 'bad_gateway',
  503: 'unavailable',
  529: 'overloaded',
};

/**
 * `POST /custom/generate`, a generic JSON format for HTTP adapters: `{ prompt, max_tokens? }` →
 * `{ output: { text }, meta: { tokens_in, tokens_out, finish } }`; errors are
 * `{ error: { code, message } }`. With `stream: true` it sends SSE `event: delta` frames
 * (`{ text }`) and a final `event: done` frame carrying the whole reply object. No key is required.
 */
export async function customGenerateRoute(context: RouteContext): Promise<void> {
  const { res, request } = context;
  const body = bodyObject({ request });
  if (body === undefined || typeof body.prompt !== 'string') {
    return sendCustomError({
      res,
      error: {
        status: 400,
        errorType: 'invalid_request',
        message: 'body must be a JSON object with a string `prompt`',
      },
    });
  }
  await serveBehaviour({
    behaviour: context.nextBehaviour(),
    format: customFormat,
    res,
    lifetime: context.lifetime,
    stream: body.stream === true,
    defaultText: context.defaultReply,
    prompt: body.prompt,
    maxTokens: positiveInteger({ value: body.max_tokens }),
  });
}

function sendCustomError(options: { res: RouteContext['res']; error: FakeErrorBehaviour }): void {
  const { error } = options;
  sendJson({
    res: options.res,
    status: error.status,
    body: {
      error: {
        code: error.errorType ?? ERROR_CODES[error.status] ?? 'error',
        message: error.message ?? `scripted error ${error.status} from the nanocode fake provider`,
      },
    },
    headers: error.retryAfter === undefined ? {} : { 'retry-after': String(error.retryAfter) },
  });
}

function replyObject(options: { completion: FakeCompletion }): Record<string, unknown> {
  const { completion } = options;
  const usage = completion.usage;
  return {
    output: { text: completion.text },
    meta: {
      ...(usage === undefined ? {} : { tokens_in: usage.input, tokens_out: usage.output }),
      finish: completion.finish,
    },
  };
}

const customFormat: WireFormat = {
  sendError: sendCustomError,
  async sendMalformed({ res, stream }) {
    const broken = '{"output":{"text":"unterminated';
    if (!stream)
      return sendText({ res, status: 200, text: broken, headers: { 'content-type': 'application/json' } });
    startSse({ res });
    await writeSse({ res, event: 'delta', data: broken });
    endReply({ res });
  },
  async sendCompletion({ res, completion, stream }) {
    const body = replyObject({ completion });
    if (!stream) {
      if (completion.cutAfter !== undefined) return sendCutJson({ res, body });
      return sendJson({ res, status: 200, body });
    }
    startSse({ res });
    for (const [index, text] of splitDeltas({ text: completion.text }).entries()) {
      if (index === completion.cutAfter) return cutConnection({ res });
      await writeSse({ res, event: 'delta', data: JSON.stringify({ text }) });
    }
    if (completion.cutAfter !== undefined) return cutConnection({ res });
    await writeSse({ res, event: 'done', data: JSON.stringify(body) });
    endReply({ res });
  },
};
