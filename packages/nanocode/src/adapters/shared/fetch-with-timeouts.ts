import { AdapterError } from '../../spec/adapter.js';

/** Why our own timer aborted a request. Kept as the abort reason so failures can be told apart. */
class TimeoutReason extends Error {
  readonly phase: 'connect' | 'total';
  readonly ms: number;
  constructor(options: { phase: 'connect' | 'total'; ms: number }) {
    super(`${options.phase} timeout after ${options.ms} ms`);
    this.phase = options.phase;
    this.ms = options.ms;
  }
}

/** A response whose body is still covered by the total timeout and the caller's signal. */
export interface TimedResponse {
  response: Response;
  /** The combined signal (caller, connect and total timeouts); it reaches the socket through `fetch`. */
  signal: AbortSignal;
  /**
   * Maps a failure while reading the body to an {@link AdapterError}: the caller's abort wins, then our
   * timeouts, then an AdapterError already thrown (e.g. a cut stream), else a network failure.
   */
  toAdapterError(error: unknown): AdapterError;
  /** Stops the total timer. Call once the body is consumed or abandoned. */
  finish(): void;
}

/** Options for {@link fetchWithTimeouts}. */
export interface FetchWithTimeoutsOptions {
  url: string;
  init: RequestInit;
  /** Time allowed until the response headers arrive. */
  connectTimeoutMs: number;
  /** Time allowed for the whole call, body included. */
  totalTimeoutMs: number;
  /** The caller's signal (the run's deadline and cancellation). */
  signal: AbortSignal;
  /** Which provider is called, for messages. */
  provider: string;
  /** The `fetch` to use; injected so tests and hosts can supply their own. */
  fetch: typeof fetch;
}

/**
 * Calls `fetch` under a connect timeout (until headers) and a total timeout, both inside the caller's
 * signal. Network failures become retryable `unavailable`, our timeouts retryable `timeout`, and the
 * caller's abort a non-retryable `aborted`. HTTP error statuses are returned, not thrown.
 */
export async function fetchWithTimeouts(options: FetchWithTimeoutsOptions): Promise<TimedResponse> {
  const timers = new AbortController();
  const connectTimer = setTimeout(
    () => timers.abort(new TimeoutReason({ phase: 'connect', ms: options.connectTimeoutMs })),
    options.connectTimeoutMs,
  );
  const totalTimer = setTimeout(
    () => timers.abort(new TimeoutReason({ phase: 'total', ms: options.totalTimeoutMs })),
    options.totalTimeoutMs,
  );
  const signal = AbortSignal.any([options.signal, timers.signal]);
  const finish = (): void => {
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
  };
  const toAdapterError = (error: unknown): AdapterError => {
    if (options.signal.aborted) {
      return new AdapterError({
        code: 'aborted',
        message: `${options.provider}: the call was aborted`,
        retryable: false,
      });
    }
    if (timers.signal.aborted) {
      const reason = timers.signal.reason as TimeoutReason;
      return new AdapterError({
        code: 'timeout',
        message: `${options.provider}: ${reason.message}`,
        retryable: true,
      });
    }
    if (error instanceof AdapterError) return error;
    // The cause's message names only the host and the socket error, never headers.
    const detail = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new AdapterError({
      code: 'unavailable',
      message: `${options.provider}: network error${detail}`,
      retryable: true,
    });
  };
  if (signal.aborted) {
    finish();
    throw toAdapterError(signal.reason);
  }
  try {
    const response = await options.fetch(options.url, { ...options.init, signal });
    clearTimeout(connectTimer);
    return { response, signal, toAdapterError, finish };
  } catch (error) {
    finish();
    throw toAdapterError(error);
  }
}

/** Reads the whole body as text under the call's timeouts and signal, then stops the timers. */
export async function readBodyText(options: { timed: TimedResponse }): Promise<string> {
  const { timed } = options;
  try {
    return await timed.response.text();
  } catch (error) {
    throw timed.toAdapterError(error);
  } finally {
    timed.finish();
  }
}
