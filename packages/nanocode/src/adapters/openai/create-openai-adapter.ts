import type {
  Adapter,
  GenerateOptions,
  ModelRequest,
  ModelResponse,
  StreamChunk,
} from '../../spec/adapter.js';
import {
  badResponse,
  ensureOk,
  fetchWithTimeouts,
  type PriceTable,
  parseJsonBody,
  parseSse,
  readBodyText,
  type TimedResponse,
} from '../shared/index.js';
import { openAIRequestBody } from './openai-request-body.js';
import { type OpenAICompletion, readOpenAICompletion } from './read-openai-completion.js';
import { readOpenAIStream } from './read-openai-stream.js';
import { toModelResponse } from './to-model-response.js';

/** The OpenAI API; override `baseUrl` for any OpenAI-compatible server. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Time allowed until response headers arrive, unless configured. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Time allowed for a whole call, unless configured. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 60_000;

/** Options of {@link createOpenAIAdapter}. */
export interface OpenAIAdapterOptions {
  model: string;
  /** Provider id shown in events and certificates (default `openai`; e.g. `ollama` for a local server). */
  provider?: string;
  /** Default {@link OPENAI_DEFAULT_BASE_URL}; `/chat/completions` is appended. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer`; resolved from the environment by the caller, never logged. */
  apiKey?: string;
  /** Extra request headers (e.g. `OpenAI-Organization`, OpenRouter's `HTTP-Referer`). */
  headers?: Readonly<Record<string, string>>;
  /** Other secret values (e.g. header values from the environment) to redact from error messages. */
  secrets?: readonly string[];
  /** USD per million tokens by model; a model missing here has an unknown cost. */
  prices?: PriceTable;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  /** `max_tokens` (default; what compatible servers accept) or `max_completion_tokens` (OpenAI o-series). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  fetch?: typeof fetch;
}

/**
 * An adapter for the Chat Completions API over `fetch`, with our own SSE parsing. The same adapter
 * serves vLLM, Ollama, llama.cpp's server, LM Studio, OpenRouter and Together through `baseUrl`.
 * Every failure is an {@link import('../../spec/adapter.js').AdapterError}; see docs/adapters.md.
 */
export function createOpenAIAdapter(options: OpenAIAdapterOptions): Adapter {
  const provider = options.provider ?? 'openai';
  const url = `${(options.baseUrl ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '')}/chat/completions`;
  const secrets = [...(options.apiKey === undefined ? [] : [options.apiKey]), ...(options.secrets ?? [])];
  const call = async (
    request: ModelRequest,
    signal: AbortSignal,
    stream: boolean,
  ): Promise<TimedResponse> => {
    const timed = await fetchWithTimeouts({
      url,
      init: {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: stream ? 'text/event-stream' : 'application/json',
          ...options.headers,
          ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
        },
        body: JSON.stringify(
          openAIRequestBody({
            model: options.model,
            request,
            stream,
            maxTokensField: options.maxTokensField ?? 'max_tokens',
          }),
        ),
      },
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
      signal,
      provider,
      fetch: options.fetch ?? globalThis.fetch,
    });
    return ensureOk({ timed, provider, secrets });
  };
  const respond = (completion: OpenAICompletion, request: ModelRequest, started: number): ModelResponse =>
    toModelResponse({
      completion,
      request,
      provider,
      model: options.model,
      prices: options.prices ?? {},
      secrets,
      latencyMs: Math.round(performance.now() - started),
    });

  return {
    spec: 'nanocode.adapter/v1',
    provider,
    model: options.model,
    async generate(request: ModelRequest, { signal }: GenerateOptions): Promise<ModelResponse> {
      const started = performance.now();
      const timed = await call(request, signal, false);
      const text = await readBodyText({ timed });
      const body = parseJsonBody({ text, provider });
      return respond(readOpenAICompletion({ body, provider }), request, started);
    },
    async *stream(request: ModelRequest, { signal }: GenerateOptions): AsyncGenerator<StreamChunk> {
      const started = performance.now();
      const timed = await call(request, signal, true);
      const body = timed.response.body;
      if (body === null) {
        timed.finish();
        throw badResponse({ provider, reason: 'the streamed response has no body' });
      }
      let completion: OpenAICompletion | undefined;
      try {
        const reading = readOpenAIStream({ events: parseSse({ body, provider }), provider });
        for (;;) {
          const next = await reading.next();
          if (next.done) {
            completion = next.value;
            break;
          }
          yield { type: 'delta', text: next.value };
        }
      } catch (error) {
        throw timed.toAdapterError(error);
      } finally {
        timed.finish();
      }
      yield { type: 'done', response: respond(completion, request, started) };
    },
  };
}
