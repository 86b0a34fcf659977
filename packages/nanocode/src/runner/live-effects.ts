import { randomUUID } from 'node:crypto';
import { type Adapter, AdapterError, type ModelRequest, type ModelResponse } from '../spec/adapter.js';
import type { Effects } from '../spec/effects.js';

/** Effects that touch the real world: the system clock, random ids, real adapter calls and timers. */
export function createLiveEffects(): Effects {
  return {
    spec: 'nanocode.effects/v1',
    now: () => Date.now(),
    randomId: () => randomUUID(),
    callAdapter: (_key, adapter, request, options) =>
      untilAborted({ promise: adapter.generate(request, options), signal: options.signal }),
    streamAdapter: (_key, adapter, request, options) =>
      untilAborted({ promise: streamToResponse({ adapter, request, ...options }), signal: options.signal }),
    check: (_key, run, options) => untilAborted({ promise: run(options.signal), signal: options.signal }),
    callFunction: (_key, run, options) =>
      untilAborted({ promise: run(options.signal), signal: options.signal }),
    sleep: (_key, ms, options) => abortableSleep({ ms, signal: options.signal }),
  };
}

/** Drains an adapter's stream into deltas and its final response; a stream without `done` is a cut. */
async function streamToResponse(options: {
  adapter: Adapter;
  request: ModelRequest;
  signal: AbortSignal;
  onDelta: (text: string) => void;
}): Promise<ModelResponse> {
  const { adapter } = options;
  if (adapter.stream === undefined) return adapter.generate(options.request, { signal: options.signal });
  for await (const chunk of adapter.stream(options.request, { signal: options.signal })) {
    if (chunk.type === 'done') return chunk.response;
    options.onDelta(chunk.text);
  }
  throw new AdapterError({
    code: 'unavailable',
    message: 'the stream ended without a final chunk',
    retryable: true,
  });
}

/**
 * Settles like `promise`, but rejects with an `aborted` AdapterError as soon as the signal aborts, even
 * when the work ignores the signal. That is what keeps a run inside its deadline with a misbehaving
 * adapter or function.
 */
export function untilAborted<T>(options: { promise: Promise<T>; signal: AbortSignal }): Promise<T> {
  const { promise, signal } = options;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, rejecting with an `aborted` AdapterError as soon as the signal aborts. */
export function abortableSleep(options: { ms: number; signal: AbortSignal }): Promise<void> {
  const { ms, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): AdapterError {
  return new AdapterError({ code: 'aborted', message: 'aborted', retryable: false });
}
