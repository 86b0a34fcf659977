/** One chat message sent to a model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What format the model is asked to answer in. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown> };

/** One request to a model adapter. Provider-neutral. */
export interface ModelRequest {
  messages: ChatMessage[];
  response_format: ResponseFormat;
  temperature?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
  /** Which step and attempt asked; adapters may use it (the scripted one does), providers ignore it. */
  context: { run_id: string; step: string; attempt: number };
}

/** Token counts reported for one call. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'other';

/** The result of one successful adapter call. */
export interface ModelResponse {
  text: string;
  finish_reason: FinishReason;
  usage: Usage;
  /** The model that actually answered, as the provider reports it. */
  model: string;
  latency_ms: number;
  /** Cost of this call in USD. Absent when the price is unknown: unknown is never recorded as 0. */
  cost_usd?: number;
  /** True when the provider reported no usage and the counts are an estimate. */
  usage_estimated?: boolean;
}

/** One piece of a streamed reply. The last chunk carries the complete response. */
export type StreamChunk = { type: 'delta'; text: string } | { type: 'done'; response: ModelResponse };

/** Options passed to every adapter call. */
export interface GenerateOptions {
  signal: AbortSignal;
}

/**
 * A model adapter: a versioned plain object, not a class. Built-in adapters import only `spec/`.
 * `generate` must reject with an {@link AdapterError} for every failure it can classify.
 */
export interface Adapter {
  spec: 'nanocode.adapter/v1';
  /** Provider id, e.g. `openai`, `anthropic`, `scripted`. */
  provider: string;
  /** Model name as configured, e.g. `gpt-4o-mini`. */
  model: string;
  /** True for adapters that do not call a real model (scripted, replay); shown in timelines and certificates. */
  simulated?: boolean;
  generate(request: ModelRequest, options: GenerateOptions): Promise<ModelResponse>;
  /**
   * Streams a reply. Iteration ends with one `done` chunk; failures reject the iterator with an
   * {@link AdapterError}, including a stream cut before `done`.
   */
  stream?(request: ModelRequest, options: GenerateOptions): AsyncIterable<StreamChunk>;
}

/**
 * Stable codes of adapter failures. `unavailable` covers network failures, 409 and 5xx; `timeout`
 * covers 408 and our own connect/total timeouts. `script_exhausted` and `not_recorded` come only from
 * the simulated adapters (scripted, replay); `unknown` is anything unclassified.
 */
export type AdapterErrorCode =
  | 'rate_limited'
  | 'timeout'
  | 'unavailable'
  | 'bad_request'
  | 'auth'
  | 'not_found'
  | 'context_length'
  | 'content_filter'
  | 'bad_response'
  | 'aborted'
  | 'script_exhausted'
  | 'not_recorded'
  | 'unknown';

/** The codes that are retryable whatever the status. */
export const RETRYABLE_ADAPTER_ERRORS: readonly AdapterErrorCode[] = [
  'rate_limited',
  'timeout',
  'unavailable',
];

/** Options for {@link AdapterError}. */
export interface AdapterErrorOptions {
  code: AdapterErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
  retry_after_ms?: number;
  cause?: unknown;
}

/** The one error type adapters throw. The error decides whether a retry makes sense. */
export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retry_after_ms: number | undefined;

  constructor(options: AdapterErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AdapterError';
    this.code = options.code;
    this.retryable = options.retryable;
    this.status = options.status;
    this.retry_after_ms = options.retry_after_ms;
  }

  /** Classifies an HTTP status: 408, 409, 429 and 5xx are retryable. */
  static fromStatus(options: { status: number; message: string; retry_after_ms?: number }): AdapterError {
    const { status } = options;
    const code: AdapterErrorCode =
      status === 429
        ? 'rate_limited'
        : status === 408
          ? 'timeout'
          : status === 409 || status >= 500
            ? 'unavailable'
            : status === 401 || status === 403
              ? 'auth'
              : status === 404
                ? 'not_found'
                : 'bad_request';
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new AdapterError({
      code,
      message: options.message,
      retryable,
      status,
      ...(options.retry_after_ms === undefined ? {} : { retry_after_ms: options.retry_after_ms }),
    });
  }
}

/** Resolves a model reference like `openai:gpt-4o-mini` to an adapter. Supplied by the caller. */
export type AdapterResolver = (ref: string) => Adapter | undefined;
