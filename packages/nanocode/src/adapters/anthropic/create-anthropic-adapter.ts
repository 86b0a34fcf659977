import type { Adapter, ModelRequest, ModelResponse, StreamChunk, Usage } from '../../spec/adapter.js';
import {
  badResponse,
  ensureOk,
  estimateUsage,
  fetchWithTimeouts,
  type PriceTable,
  parseJsonBody,
  priceOf,
  readBodyText,
  type TimedResponse,
} from '../shared/index.js';
import { fromMessage } from './from-message.js';
import { readMessageStream } from './read-message-stream.js';
import { toMessagesBody } from './to-messages-body.js';

/** The defaults of {@link createAnthropicAdapter}, exported so resolved configurations can show them. */
export const ANTHROPIC_DEFAULTS = {
  baseUrl: 'https://api.anthropic.com',
  version: '2023-06-01',
  maxTokensDefault: 1024,
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 120_000,
} as const;

/** Options for {@link createAnthropicAdapter}; omitted ones take {@link ANTHROPIC_DEFAULTS}. */
export interface AnthropicAdapterOptions {
  model: string;
  /** Provider id shown in events and certificates (default `anthropic`; e.g. the name of a proxy). */
  provider?: string;
  baseUrl?: string;
  /** Sent as `x-api-key`; omit for proxies that authenticate otherwise. Redacted from every error. */
  apiKey?: string;
  /** The `anthropic-version` header. */
  version?: string;
  /** Extra request headers (they override the built-in ones). */
  headers?: Readonly<Record<string, string>>;
  /** Other secret values (e.g. header values from the environment) to redact from error messages. */
  secrets?: readonly string[];
  /** USD per million tokens, keyed by model; without a price, cost is unknown (absent). */
  prices?: PriceTable;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** `max_tokens` when the request sets none (the API requires one). */
  maxTokensDefault?: number;
  fetch?: typeof fetch;
}

/**
 * The Anthropic Messages API adapter, on `fetch` with SSE parsing (no SDK, so no SDK retries).
 * System messages become the top-level `system`; JSON formats are requested by a system-prompt
 * suffix (see `toMessagesBody`), since the API has no JSON mode. A 529 `overloaded_error`, before or
 * during a stream, is a retryable `unavailable`.
 */
export function createAnthropicAdapter(options: AnthropicAdapterOptions): Adapter {
  const settings = {
    baseUrl: options.baseUrl ?? ANTHROPIC_DEFAULTS.baseUrl,
    version: options.version ?? ANTHROPIC_DEFAULTS.version,
    maxTokensDefault: options.maxTokensDefault ?? ANTHROPIC_DEFAULTS.maxTokensDefault,
    connectTimeoutMs: options.connectTimeoutMs ?? ANTHROPIC_DEFAULTS.connectTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? ANTHROPIC_DEFAULTS.totalTimeoutMs,
  };
  const provider = options.provider ?? 'anthropic';
  const secrets = [...(options.apiKey === undefined ? [] : [options.apiKey]), ...(options.secrets ?? [])];
  const prices = options.prices ?? {};

  async function post(request: ModelRequest, signal: AbortSignal, stream: boolean): Promise<TimedResponse> {
    const body = toMessagesBody({
      model: options.model,
      request,
      maxTokensDefault: settings.maxTokensDefault,
      stream,
    });
    const timed = await fetchWithTimeouts({
      url: `${settings.baseUrl.replace(/\/+$/, '')}/v1/messages`,
      init: {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: stream ? 'text/event-stream' : 'application/json',
          'anthropic-version': settings.version,
          ...(options.apiKey === undefined ? {} : { 'x-api-key': options.apiKey }),
          ...options.headers,
        },
        body: JSON.stringify(body),
      },
      connectTimeoutMs: settings.connectTimeoutMs,
      totalTimeoutMs: settings.totalTimeoutMs,
      signal,
      provider,
      fetch: options.fetch ?? fetch,
    });
    return ensureOk({ timed, provider, secrets });
  }

  function respond(parts: {
    request: ModelRequest;
    text: string;
    finish_reason: ModelResponse['finish_reason'];
    usage: Partial<Usage>;
    model: string | undefined;
    started: number;
  }): ModelResponse {
    const { input_tokens, output_tokens } = parts.usage;
    const estimate = estimateUsage({ messages: parts.request.messages, text: parts.text }).usage;
    const usage = {
      input_tokens: input_tokens ?? estimate.input_tokens,
      output_tokens: output_tokens ?? estimate.output_tokens,
    };
    const cost = priceOf({ table: prices, model: options.model, usage });
    return {
      text: parts.text,
      finish_reason: parts.finish_reason,
      usage,
      model: parts.model ?? options.model,
      latency_ms: Math.round(performance.now() - parts.started),
      ...(cost === undefined ? {} : { cost_usd: cost }),
      ...(input_tokens === undefined || output_tokens === undefined ? { usage_estimated: true } : {}),
    };
  }

  return {
    spec: 'nanocode.adapter/v1',
    provider,
    model: options.model,
    async generate(request, { signal }) {
      const started = performance.now();
      const timed = await post(request, signal, false);
      const body = parseJsonBody({ text: await readBodyText({ timed }), provider });
      return respond({ request, started, ...fromMessage({ body, provider }) });
    },
    async *stream(request, { signal }): AsyncIterable<StreamChunk> {
      const started = performance.now();
      const timed = await post(request, signal, true);
      let text = '';
      try {
        const body = timed.response.body;
        if (body === null) throw badResponse({ provider, reason: 'the stream has no body' });
        for await (const part of readMessageStream({ body, provider, secrets, now: Date.now })) {
          // Events already buffered would still parse after an abort; the caller must not get them.
          timed.signal.throwIfAborted();
          if (part.type === 'delta') {
            text += part.text;
            yield part;
          } else {
            const { finish_reason, usage, model } = part;
            yield {
              type: 'done',
              response: respond({ request, started, text, finish_reason, usage, model }),
            };
          }
        }
      } catch (error) {
        throw timed.toAdapterError(error);
      } finally {
        timed.finish();
      }
    },
  };
}
