import { randomUUID } from 'node:crypto';
import { AdapterError } from '../spec/adapter.js';
import type { Effects } from '../spec/effects.js';

/** Effects that touch the real world: the system clock, random ids, real adapter calls and timers. */
export function createLiveEffects(): Effects {
  return {
    spec: 'nanocode.effects/v1',
    now: () => Date.now(),
    randomId: () => randomUUID(),
    callAdapter: (_key, adapter, request, options) => adapter.generate(request, options),
    check: (_key, run, options) => run(options.signal),
    callFunction: (_key, run, options) => run(options.signal),
    sleep: (_key, ms, options) => abortableSleep({ ms, signal: options.signal }),
  };
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
