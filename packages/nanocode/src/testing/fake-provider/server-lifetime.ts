import type { ServerResponse } from 'node:http';
import { FAKE_MAX_DELAY_MS, FAKE_MAX_HANG_MS } from './fake-provider-types.js';

/** The timers of one fake server, so that `close()` ends every wait and every hang at once. */
export interface ServerLifetime {
  /** Waits `ms` (capped at FAKE_MAX_DELAY_MS); resolves early when the server closes. */
  wait(options: { ms: number }): Promise<void>;
  /** Never answers `res`; its connection is dropped on close or after FAKE_MAX_HANG_MS. */
  hang(options: { res: ServerResponse }): void;
  /** True once the server is closing: routes write nothing more. */
  readonly closing: boolean;
  /** Clears every timer and releases every wait. */
  shutdown(): void;
}

/** Creates the lifetime of one server. */
export function createServerLifetime(): ServerLifetime {
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;
  const after = (ms: number, done: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      done();
    }, ms);
    timers.set(timer, done);
  };
  return {
    get closing() {
      return closing;
    },
    wait(options) {
      const ms = Math.min(Math.max(0, options.ms), FAKE_MAX_DELAY_MS);
      if (closing || ms === 0) return Promise.resolve();
      return new Promise((resolve) => after(ms, resolve));
    },
    hang(options) {
      after(FAKE_MAX_HANG_MS, () => options.res.socket?.destroy());
    },
    shutdown() {
      closing = true;
      for (const [timer, done] of timers) {
        clearTimeout(timer);
        done();
      }
      timers.clear();
    },
  };
}
